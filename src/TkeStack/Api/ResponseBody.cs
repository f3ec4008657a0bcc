using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TkeStack.Api
{
    /// <summary>An answer's body read into small pooled chunks, never more than a cap, counted as it is
    /// read after decompression. Chunks of one size are what the shared pool keeps well: a refused
    /// bomb gives back every chunk, and the pool never comes to hold arrays of hundreds of MiB (a
    /// doubling buffer needs the old and the new array at once, and a 1 GiB rent overflows at the next
    /// doubling). Dispose gives the chunks back.</summary>
    internal sealed class ResponseBody : IDisposable
    {
        /// <summary>Below the large-object heap threshold, and a bucket size of the shared pool.</summary>
        internal const int ChunkSize = 64 * 1024;

        private readonly List<byte[]> _chunks = new List<byte[]>();

        /// <summary>The bytes read.</summary>
        public long Length { get; private set; }

        /// <summary>An empty body (nothing rented).</summary>
        public static ResponseBody Empty() => new ResponseBody();

        /// <summary>Reads <paramref name="source"/> to its end; when more than <paramref name="max"/> bytes
        /// come, gives back what it holds and calls <paramref name="tooLarge"/> with the count read so far
        /// (which throws). At most <paramref name="max"/> plus one chunk is ever held.</summary>
        public static async Task<ResponseBody> ReadAsync(Stream source, long max, Func<long, Exception> tooLarge, CancellationToken cancel)
        {
            var body = new ResponseBody();
            try
            {
                while (true)
                {
                    var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
                    body._chunks.Add(chunk);
                    var filled = 0;
                    while (filled < ChunkSize)
                    {
                        var read = await source.ReadAsync(chunk, filled, ChunkSize - filled, cancel).ConfigureAwait(false);
                        if (read == 0)
                        {
                            body.Length += filled;
                            if (body.Length > max) throw tooLarge(body.Length);
                            return body;
                        }
                        filled += read;
                        if (body.Length + filled > max) throw tooLarge(body.Length + filled);
                    }
                    body.Length += filled;
                }
            }
            catch
            {
                var held = body.Length;
                body.Dispose();
                // The pool keeps only a few chunks: the rest of a large refused answer is garbage the GC
                // would otherwise keep for a while (it was promoted as it grew), and a second bomb would
                // stack on it. Collected at once, the memory goes back and the peak stays at the cap.
                if (held >= CollectAfter) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                throw;
            }
        }

        /// <summary>A refused or broken-off answer at least this large is collected at once.</summary>
        internal const long CollectAfter = 16L * 1024 * 1024;

        /// <summary>The bytes as one sequence over the chunks, for a reader (Utf8JsonReader reads a
        /// sequence of segments as it reads one span); valid until the body is disposed.</summary>
        public ReadOnlySequence<byte> AsSequence()
        {
            if (Length == 0) return ReadOnlySequence<byte>.Empty;
            Segment? first = null, last = null;
            var left = Length;
            foreach (var chunk in _chunks)
            {
                if (left == 0) break;
                var take = (int)Math.Min(ChunkSize, left);
                left -= take;
                var segment = new Segment(new ReadOnlyMemory<byte>(chunk, 0, take), last?.RunningIndex + last?.Memory.Length ?? 0);
                if (last is null) first = segment;
                else last.SetNext(segment);
                last = segment;
            }
            return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
        }

        private sealed class Segment : ReadOnlySequenceSegment<byte>
        {
            public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
            {
                Memory = memory;
                RunningIndex = runningIndex;
            }

            public void SetNext(Segment next) => Next = next;
        }

        /// <summary>A copy of the first <paramref name="max"/> bytes (an error body, the start of a page).</summary>
        public byte[] ToArray(int max = int.MaxValue)
        {
            var n = (int)Math.Min(Length, max);
            var copy = new byte[n];
            var done = 0;
            foreach (var chunk in _chunks)
            {
                if (done == n) break;
                var take = Math.Min(ChunkSize, n - done);
                Buffer.BlockCopy(chunk, 0, copy, done, take);
                done += take;
            }
            return copy;
        }

        /// <summary>Gives every chunk back to the pool.</summary>
        public void Dispose()
        {
            foreach (var chunk in _chunks)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            _chunks.Clear();
            Length = 0;
        }
    }
}

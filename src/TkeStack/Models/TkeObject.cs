using System;
using System.Management.Automation;
using System.Text.Json;
using TkeStack.Models;

namespace TkeStack
{
    /// <summary>What every object the module emits has in common: the session it was read with (so
    /// the next cmdlet in a pipeline stays on it) and the full API object for anything the typed
    /// properties leave out.</summary>
    public abstract class TkeObject
    {
        private readonly ReadOnlyMemory<byte> _json;
        private JsonElement? _raw;
        private PSObject? _apiObject;

        /// <summary>Keeps the object's JSON as the API answered it; it is parsed only when asked for.</summary>
        private protected TkeObject(ReadOnlyMemory<byte> json, TkeSession? session)
        {
            _json = json;
            Session = session;
        }

        /// <summary>The session the object was read with. Hidden (as PowerShell's <c>hidden</c>
        /// keyword hides a class member): it still binds to <c>-Session</c> by property name and reads
        /// as <c>$x.Session</c>, but Export-Csv, Select-Object * and Format-List * leave it out.</summary>
        [Hidden]
        public TkeSession? Session { get; }

        /// <summary>The full object as the API answered it, shaped as <c>ConvertFrom-Json</c> shapes it.
        /// Hidden, as Session is: ask for it by name (<c>$x.ApiObject</c>, <c>Select-Object *, ApiObject</c>).</summary>
        [Hidden]
        public PSObject ApiObject => _apiObject ??= (PSObjectConverter.ToPowerShell(Raw) as PSObject ?? new PSObject());

        /// <summary>The raw JSON, for the module's own use (patch bodies, for example), parsed on first use.</summary>
        internal JsonElement Raw => _raw ??= JsonDocument.Parse(_json).RootElement;
    }
}

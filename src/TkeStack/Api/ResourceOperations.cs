namespace TkeStack.Api
{
    /// <summary>What every resource's operations hold: the client that sends their calls, and the
    /// session the models they answer remember (so the next cmdlet in a pipeline stays on it).</summary>
    internal abstract class ResourceOperations
    {
        private protected ResourceOperations(TkeClient client, TkeSession? owner)
        {
            Client = client;
            Owner = owner;
        }

        private protected TkeClient Client { get; }

        private protected TkeSession? Owner { get; }
    }
}

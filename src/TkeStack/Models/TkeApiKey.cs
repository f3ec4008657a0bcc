using System;
using System.Security;

namespace TkeStack
{
    /// <summary>An API key (访问凭证) New-TkeApiKey made: the key itself as a SecureString (never
    /// shown: give it to Connect-Tke -Token), whose it is and until when.</summary>
    public sealed class TkeApiKey
    {
        internal TkeApiKey(string name, SecureString key, string? user, string? tenant, string? description, DateTime? issuedAt, DateTime? expiresAt, Uri uri)
        {
            Name = name;
            Key = key;
            User = user;
            Tenant = tenant;
            Description = description;
            IssuedAt = issuedAt;
            ExpiresAt = expiresAt;
            Uri = uri;
        }

        /// <summary>The key's object name in tke-auth (it lists under the console's 访问凭证 page).</summary>
        public string Name { get; }

        /// <summary>The key, for Connect-Tke -Token; ConvertFrom-SecureString -AsPlainText shows it
        /// when it must go elsewhere (a CI secret store).</summary>
        public SecureString Key { get; }

        /// <summary>The user the key acts as.</summary>
        public string? User { get; }

        /// <summary>The user's tenant.</summary>
        public string? Tenant { get; }

        /// <summary>What the key is for (-Description).</summary>
        public string? Description { get; }

        /// <summary>When the key was made.</summary>
        public DateTime? IssuedAt { get; }

        /// <summary>When the key stops working (-Expire after IssuedAt).</summary>
        public DateTime? ExpiresAt { get; }

        /// <summary>The console the key was made on.</summary>
        public Uri Uri { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({User}, expires {ExpiresAt:yyyy-MM-dd HH:mm})";
    }
}

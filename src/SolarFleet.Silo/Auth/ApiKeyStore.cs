using System.Security.Cryptography;
using System.Text;

namespace SolarFleet.Silo.Auth;

/// <summary>
/// The configured keys, held as SHA-256 digests. Lookup hashes the presented key and compares it with every
/// digest in constant time, so neither the key's length nor a matching prefix shows in the timing.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly (byte[] Digest, ApiKeyRole Role, string Name)[] _keys;

    public ApiKeyStore(IEnumerable<ApiKeyEntry> keys)
    {
        _keys = keys
            .Where(k => !string.IsNullOrEmpty(k.Key))
            .Select(k => (Digest(k.Key), k.Role, string.IsNullOrWhiteSpace(k.Name) ? RoleName(k.Role) : k.Name.Trim()))
            .ToArray();
    }

    public bool HasAdminKey => _keys.Any(k => k.Role == ApiKeyRole.Admin);

    public ApiKeyRole? Find(string presented) => Identify(presented)?.Role;

    /// <summary>The role and holder's name of a presented key, or null when it is no configured key.</summary>
    public (ApiKeyRole Role, string Name)? Identify(string presented)
    {
        var digest = Digest(presented);
        (ApiKeyRole, string)? found = null;
        foreach (var (candidate, role, name) in _keys)
        {
            // No early exit: every key is compared whatever matches.
            if (CryptographicOperations.FixedTimeEquals(candidate, digest))
            {
                found = (role, name);
            }
        }

        return found;
    }

    public static string RoleName(ApiKeyRole role) => role == ApiKeyRole.Admin ? "admin" : "reader";

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

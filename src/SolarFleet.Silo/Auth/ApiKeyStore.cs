using System.Security.Cryptography;
using System.Text;

namespace SolarFleet.Silo.Auth;

/// <summary>
/// The configured keys, held as SHA-256 digests. Lookup hashes the presented key and compares it with every
/// digest in constant time, so neither the key's length nor a matching prefix shows in the timing.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly (byte[] Digest, ApiKeyRole Role)[] _keys;

    public ApiKeyStore(IEnumerable<ApiKeyEntry> keys)
    {
        _keys = keys
            .Where(k => !string.IsNullOrEmpty(k.Key))
            .Select(k => (Digest(k.Key), k.Role))
            .ToArray();
    }

    public bool HasAdminKey => _keys.Any(k => k.Role == ApiKeyRole.Admin);

    public ApiKeyRole? Find(string presented)
    {
        var digest = Digest(presented);
        ApiKeyRole? found = null;
        foreach (var (candidate, role) in _keys)
        {
            // No early exit: every key is compared whatever matches.
            if (CryptographicOperations.FixedTimeEquals(candidate, digest))
            {
                found = role;
            }
        }

        return found;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

using System.Text;
using Orleans.Runtime;
using Orleans.Storage;

namespace SolarFleet.Postgres.GrainState;

/// <summary>
/// Which row of <c>orleans_storage</c> holds one grain's state: the identity the Orleans ADO.NET provider computes
/// (two hashes, the key's numeric halves, the state name, the key string or extension), so that either provider
/// finds the rows the other wrote and a deployment can move between them without migrating data.
/// </summary>
internal readonly record struct GrainStateKey(int GrainIdHash, int GrainTypeHash, long N0, long N1, string GrainType, string? Extension)
{
    private static readonly OrleansDefaultHasher Hasher = new();

    /// <param name="stateName">
    /// Stored as the grain type, as that provider stores a state name. (It rewrites names holding a backtick, the
    /// mark of a generic type name; no SolarFleet state name has one.)
    /// </param>
    public static GrainStateKey Of(string stateName, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        long n0 = 0, n1 = 0;
        string? extension;
        byte[] numeric;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            numeric = guid.ToByteArray();
            n0 = BitConverter.ToInt64(numeric, 0);
            n1 = BitConverter.ToInt64(numeric, 8);
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            numeric = BitConverter.GetBytes(integer);
        }
        else
        {
            numeric = [];
            extension = grainId.Key.ToString();
        }

        // The id hash covers the numeric key then the string, with all bytes reversed on little-endian machines:
        // the other provider's definition, kept so the hashes agree.
        var text = extension is null ? [] : Encoding.UTF8.GetBytes(extension);
        var idBytes = new byte[numeric.Length + text.Length];
        numeric.CopyTo(idBytes, 0);
        text.CopyTo(idBytes, numeric.Length);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(idBytes);
        }

        return new GrainStateKey(Hasher.Hash(idBytes), Hasher.Hash(Encoding.UTF8.GetBytes(stateName)), n0, n1, stateName, extension);
    }

    public override string ToString() => $"{GrainType}/{Extension ?? $"{N0:x16}{N1:x16}"}";
}

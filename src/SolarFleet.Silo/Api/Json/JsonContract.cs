using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Json;

/// <summary>
/// Checks a parsed JSON body against the shape of the request record it will be bound to, before binding, so that
/// every way a field can be wrong is reported against that field in words: an unknown field (with the fields there
/// are), a key sent twice in one object, a string where a number belongs ("50000" is not a port), a fraction or an
/// out-of-range number where a whole number belongs, and so on. Every field of a request record is optional here;
/// which ones are required is the validator's business.
/// </summary>
public static class JsonContract
{
    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    /// <summary>Adds an error per problem (up to <paramref name="maxErrors"/> in all) with its JSON path.</summary>
    public static void Check(JsonElement element, Type type, ValidationErrors errors, int maxErrors)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(errors);
        Check(element, Expect.Of(type, nullable: false), string.Empty, errors, maxErrors);
    }

    private static void Check(JsonElement element, Expect expect, string path, ValidationErrors errors, int maxErrors)
    {
        if (errors.Count >= maxErrors)
        {
            return;
        }

        var field = path.Length == 0 ? "body" : path;
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (!expect.Nullable)
            {
                errors.Add(field, $"must be {expect.Describe()}, not null.");
            }

            return;
        }

        switch (expect.Kind)
        {
            case Kind.String when element.ValueKind != JsonValueKind.String:
            case Kind.Number when element.ValueKind != JsonValueKind.Number:
            case Kind.Boolean when element.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
            case Kind.Array when element.ValueKind != JsonValueKind.Array:
            case Kind.Object when element.ValueKind != JsonValueKind.Object:
            case Kind.Integer when element.ValueKind != JsonValueKind.Number:
                errors.Add(field, $"must be {expect.Describe()}, not {Describe(element)}.");
                return;
            case Kind.Integer when IsFraction(element):
                errors.Add(field, $"must be a whole number, not a fraction (was {Shown(element)}).");
                return;
            case Kind.Integer when !FitsInteger(element, expect.Type):
                errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {Min(expect.Type)} to {Max(expect.Type)} (was {Shown(element)})."));
                return;
            case Kind.Number when !element.TryGetDouble(out var number) || !double.IsFinite(number):
                errors.Add(field, "must be a finite number.");
                return;
            case Kind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, expect.Item!, string.Create(CultureInfo.InvariantCulture, $"{field}[{index++}]"), errors, maxErrors);
                }

                return;
            case Kind.Object:
                CheckObject(element, Shapes.GetOrAdd(expect.Type, ShapeOf), path, errors, maxErrors);
                return;
        }
    }

    private static void CheckObject(JsonElement element, Shape shape, string path, ValidationErrors errors, int maxErrors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!seen.Add(property.Name))
            {
                errors.Add(field, "appears more than once in the same object; send each field once.");
                continue;
            }

            if (!shape.Fields.TryGetValue(property.Name, out var expect))
            {
                errors.Add(field, $"is not a field here; the fields are {string.Join(", ", shape.Fields.Keys)}.");
                continue;
            }

            Check(property.Value, expect, field, errors, maxErrors);
        }
    }

    /// <summary>A number with a fractional part (50000.5, 5e-1); 1e99 is whole, merely too large.</summary>
    private static bool IsFraction(JsonElement element) =>
        element.TryGetDecimal(out var value) ? value != decimal.Truncate(value) : element.TryGetDouble(out var large) && large != Math.Truncate(large);

    /// <summary>The number as sent, cut short: JSON allows a number of any length.</summary>
    private static string Shown(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length > 24 ? text[..24] + "…" : text;
    }

    private static bool FitsInteger(JsonElement element, Type type) =>
        type == typeof(long) ? element.TryGetInt64(out _) : element.TryGetInt32(out _);

    private static string Min(Type type) => type == typeof(long)
        ? long.MinValue.ToString(CultureInfo.InvariantCulture)
        : int.MinValue.ToString(CultureInfo.InvariantCulture);

    private static string Max(Type type) => type == typeof(long)
        ? long.MaxValue.ToString(CultureInfo.InvariantCulture)
        : int.MaxValue.ToString(CultureInfo.InvariantCulture);

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static Shape ShapeOf(Type type)
    {
        // A context of its own: NullabilityInfoContext caches without locks, and requests build shapes concurrently.
        var nullability = new NullabilityInfoContext();
        var fields = new Dictionary<string, Expect>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null)
            {
                // Computed, not bound from JSON.
                continue;
            }

            var nullable = nullability.Create(property).ReadState != NullabilityState.NotNull;
            fields[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Expect.Of(property.PropertyType, nullable);
        }

        return new Shape(fields);
    }

    private enum Kind
    {
        String,
        Integer,
        Number,
        Boolean,
        Array,
        Object,
    }

    private sealed record Shape(Dictionary<string, Expect> Fields);

    private sealed record Expect(Kind Kind, Type Type, bool Nullable, Expect? Item)
    {
        public static Expect Of(Type type, bool nullable)
        {
            if (System.Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return Of(underlying, nullable: true);
            }

            if (type == typeof(string))
            {
                return new(Kind.String, type, nullable, null);
            }

            if (type == typeof(int) || type == typeof(long))
            {
                return new(Kind.Integer, type, nullable, null);
            }

            if (type == typeof(double))
            {
                return new(Kind.Number, type, nullable, null);
            }

            if (type == typeof(bool))
            {
                return new(Kind.Boolean, type, nullable, null);
            }

            var item = type.IsArray ? type.GetElementType()
                : type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
                : null;

            // Items of the request lists are nullable in the records, so that a null item is the validator's to name.
            return item is not null
                ? new(Kind.Array, type, nullable, Of(item, nullable: true))
                : new(Kind.Object, type, nullable, null);
        }

        public string Describe() => Kind switch
        {
            Kind.String => "a string",
            Kind.Integer => "a whole number",
            Kind.Number => "a number",
            Kind.Boolean => "true or false",
            Kind.Array => "an array",
            _ => "an object",
        };
    }
}

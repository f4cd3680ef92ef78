namespace SolarFleet.Silo.Api.Validation;

/// <summary>Collects what is wrong with a request, field by field (keys are JSON paths such as "sites[2].port").</summary>
public sealed class ValidationErrors
{
    private static readonly object RequestKey = new();

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>
    /// The errors of one request so far, shared by the checks that run before the handler (route ids) and the
    /// handler's own (its body), so that one answer names them all.
    /// </summary>
    public static ValidationErrors Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[RequestKey] is not ValidationErrors errors)
        {
            errors = new ValidationErrors();
            context.Items[RequestKey] = errors;
        }

        return errors;
    }

    public bool IsEmpty => _errors.Count == 0;

    public int Count => _errors.Count;

    /// <summary>Every message, so that one added to a field already named still counts.</summary>
    public int MessageCount { get; private set; }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        MessageCount++;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

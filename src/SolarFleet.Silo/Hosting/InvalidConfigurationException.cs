namespace SolarFleet.Silo.Hosting;

/// <summary>Start-up stops with this when a setting is wrong; the message names each bad setting.</summary>
public sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException(IReadOnlyList<string> errors)
        : base("Invalid configuration: " + string.Join(" ", errors))
    {
        Errors = errors;
    }

    public InvalidConfigurationException()
        : this([])
    {
    }

    public InvalidConfigurationException(string message)
        : this([message])
    {
    }

    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; } = [];
}

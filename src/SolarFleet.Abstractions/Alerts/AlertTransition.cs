namespace SolarFleet.Abstractions.Alerts;

/// <summary>
/// An alert as it stood at a transition: what the alert store records and each webhook receives once. The pair
/// (<c>Alert.Id</c>, <see cref="Transition"/>) identifies it: recording it twice changes nothing.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AlertTransition(Alert Alert, AlertTransitionKind Transition)
{
    public DateTimeOffset At => Transition == AlertTransitionKind.Raised ? Alert.RaisedAt : Alert.ResolvedAt ?? Alert.RaisedAt;

    /// <summary>The transition's identity, for de-duplication by stores and receivers: "{alert id}:raised".</summary>
    public string DeliveryId => $"{Alert.Id}:{(Transition == AlertTransitionKind.Raised ? "raised" : "resolved")}";
}

namespace Defender365Typed.Emulator.Faults;

/// <summary>Ready-made fault rules for the incident APIs.</summary>
public static class IncidentFaults
{
    /// <summary>
    /// A 500 on Graph incident lists that combine <c>$expand=alerts</c> with other options (as reported on large tenants:
    /// elastic/integrations #18144); a single incident read with <c>$expand=alerts</c> still works.
    /// </summary>
    /// <param name="times">How many such requests fail.</param>
    public static FaultRule ExpandAlertsOnList(int times = int.MaxValue) =>
        new(FaultKind.InternalServerError, "/v1.0/security/incidents", "GET", times) { QueryContains = "&$expand=alerts" };
}

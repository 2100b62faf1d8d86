using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Defender365Typed.Client.Tests;

/// <summary>The one list of incident values: what the client exposes, and that the emulator's service side agrees.</summary>
public sealed class IncidentValueTests : EmulatorTest
{
    [Fact]
    public void The_documented_values_are_listed_once_without_the_sentinel()
    {
        Assert.Equal(["active", "inProgress", "resolved", "redirected", "awaitingAction"], IncidentStatus.KnownValues.Select(v => v.Value));
        Assert.Equal([IncidentStatus.Active, IncidentStatus.InProgress, IncidentStatus.Resolved], IncidentStatus.SettableValues);
        Assert.Equal(["unknown", "informational", "low", "medium", "high"], IncidentSeverity.KnownValues.Select(v => v.Value));
        Assert.Equal(["unknown", "falsePositive", "truePositive", "informationalExpectedActivity"], IncidentClassification.KnownValues.Select(v => v.Value));
        Assert.Equal(15, IncidentDetermination.KnownValues.Count);
        Assert.DoesNotContain(IncidentDetermination.UnknownFutureValue, IncidentDetermination.KnownValues);
        Assert.True(IncidentDetermination.UnknownFutureValue.IsKnown);
        Assert.True(new IncidentDetermination("CompromisedAccount").IsKnown); // the legacy spelling of compromisedUser
        Assert.False(new IncidentStatus("paused").IsKnown);
    }

    [Fact]
    public void Each_classification_names_the_determinations_that_go_with_it()
    {
        Assert.Equal([IncidentDetermination.Unknown], IncidentClassification.Unknown.AllowedDeterminations);
        Assert.Equal([IncidentDetermination.Clean, IncidentDetermination.InsufficientData, IncidentDetermination.Other],
            IncidentClassification.FalsePositive.AllowedDeterminations);
        Assert.Equal(
            [IncidentDetermination.MultiStagedAttack, IncidentDetermination.MaliciousUserActivity, IncidentDetermination.CompromisedUser,
             IncidentDetermination.Malware, IncidentDetermination.Phishing, IncidentDetermination.UnwantedSoftware, IncidentDetermination.Other],
            IncidentClassification.TruePositive.AllowedDeterminations);
        Assert.Equal(
            [IncidentDetermination.SecurityTesting, IncidentDetermination.LineOfBusinessApplication, IncidentDetermination.ConfirmedUserActivity, IncidentDetermination.Other],
            new IncidentClassification("InformationalExpectedActivity").AllowedDeterminations); // any spelling
        Assert.Empty(IncidentClassification.UnknownFutureValue.AllowedDeterminations);
        Assert.All(IncidentClassification.KnownValues.SelectMany(c => c.AllowedDeterminations), d => Assert.Contains(d, IncidentDetermination.KnownValues));
    }

    [Fact]
    public async Task The_emulator_accepts_every_status_and_pair_the_client_allows()
    {
        (DefenderClient client, _) = H.SecretClient();
        H.Emulator.Incidents.Seed(1);
        foreach (IncidentStatus status in IncidentStatus.SettableValues)
        {
            Assert.Equal(status, (await client.Incidents.UpdateAsync("1000", new IncidentUpdate { Status = status })).Status);
        }

        var applied = new List<(IncidentClassification, IncidentDetermination)>();
        foreach (IncidentClassification classification in IncidentClassification.KnownValues)
        {
            foreach (IncidentDetermination determination in classification.AllowedDeterminations)
            {
                SecurityIncident updated = await client.Incidents.UpdateAsync("1000", new IncidentUpdate { Classification = classification, Determination = determination });
                applied.Add((updated.Classification, updated.Determination));
            }
        }

        Assert.Equal(IncidentClassification.KnownValues.SelectMany(c => c.AllowedDeterminations.Select(d => (c, d))), applied);
    }
}

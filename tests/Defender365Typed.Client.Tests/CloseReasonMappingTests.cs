using System;
using System.Linq;

namespace Defender365Typed.Client.Tests;

/// <summary>The close-reason mapping (issue 16, item 2): the integration's syntax, both APIs' spellings, checked pairs.</summary>
public sealed class CloseReasonMappingTests
{
    [Fact]
    public void The_integrations_example_parses_into_checked_pairs()
    {
        CloseReasonMapping map = CloseReasonMapping.Parse("Resolved=TruePositive-Malware, False Positive=FalsePositive-NotMalicious");

        Assert.Equal(["Resolved", "False Positive"], map.Reasons.Select(r => r.Name));
        CloseReason fp = map.Get("  false   positive ");
        Assert.Equal(IncidentClassification.FalsePositive, fp.Classification);
        Assert.Equal(IncidentDetermination.Clean, fp.Determination); // NotMalicious is Graph's clean
        IncidentUpdate update = fp.ToUpdate();
        Assert.Equal(IncidentStatus.Resolved, update.Status);
        Assert.Equal(IncidentDetermination.Clean, update.Determination);
        Assert.Equal(IncidentDetermination.Malware, map.Get("RESOLVED").Determination);
        Assert.Equal("Resolved=TruePositive-Malware, False Positive=FalsePositive-Clean", map.ToString());
        Assert.Equal(map.ToString(), CloseReasonMapping.Parse(map.ToString()).ToString());
    }

    [Theory]
    [InlineData("Benign=InformationalExpectedActivity-ConfirmedActivity", "informationalExpectedActivity", "confirmedUserActivity")]
    [InlineData("Stale=FalsePositive-NotEnoughDataToValidate", "falsePositive", "insufficientData")]
    [InlineData("Stale=falsePositive-insufficientData", "falsePositive", "insufficientData")]
    [InlineData("Account=TruePositive-CompromisedAccount", "truePositive", "compromisedUser")]
    [InlineData("Dup=Unknown-NotAvailable", "unknown", "unknown")]
    public void Both_apis_spellings_are_read(string text, string classification, string determination)
    {
        CloseReason reason = Assert.Single(CloseReasonMapping.Parse(text).Reasons);
        Assert.Equal(classification, reason.Classification!.Value.Canonical);
        Assert.Equal(determination, reason.Determination!.Value.Canonical);
    }

    [Fact]
    public void The_defaults_are_the_integrations()
    {
        CloseReasonMapping map = CloseReasonMapping.Default;
        Assert.Equal(["Resolved", "False Positive", "Other", "Duplicate"], map.Reasons.Select(r => r.Name));
        Assert.Null(map.Get("Resolved").Classification);
        Assert.Null(map.Get("Resolved").ToUpdate().Determination);
        Assert.Equal(IncidentDetermination.Other, map.Get("False Positive").Determination);
        Assert.Equal(IncidentClassification.Unknown, map.Get("Duplicate").Classification);
        Assert.Equal("Resolved, False Positive=FalsePositive-Other, Other=Unknown-NotAvailable, Duplicate=Unknown-NotAvailable", map.ToString());
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("Resolved", "Close-reason entry 'Resolved' has no '='")]
    [InlineData("=TruePositive-Malware", "has no reason before '='")]
    [InlineData("Resolved=TruePositive", "needs 'Classification-Determination' after '='")]
    [InlineData("Resolved=TruePositive-Malware,,Other=Unknown-NotAvailable", "has an empty entry")]
    [InlineData("Resolved=TruePositive-Malware,", "has an empty entry")]
    [InlineData("Resolved=Benign-Malware", "Close reason 'Resolved': 'Benign' is not a classification; known: Unknown, FalsePositive, TruePositive, InformationalExpectedActivity")]
    [InlineData("Resolved=TruePositive-Virus", "Close reason 'Resolved': 'Virus' is not a determination")]
    [InlineData("Resolved=TruePositive-Malware, resolved=FalsePositive-Other", "names reason 'resolved' twice")]
    public void A_malformed_mapping_is_rejected_naming_the_entry(string text, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => CloseReasonMapping.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("False Positive=FalsePositive-Malware", "'FalsePositive-Malware' is not a valid classification-determination pair; FalsePositive allows Clean, InsufficientData, Other")]
    [InlineData("Resolved=TruePositive-NotMalicious", "'TruePositive-NotMalicious' is not a valid classification-determination pair; TruePositive allows MultiStagedAttack")]
    [InlineData("Test=InformationalExpectedActivity-Apt", "'InformationalExpectedActivity-Apt' is not a valid classification-determination pair")]
    public void An_invalid_pair_is_rejected_naming_the_pair(string text, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => CloseReasonMapping.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_reason_names_the_known_ones()
    {
        CloseReasonMapping map = CloseReasonMapping.Parse("Resolved=TruePositive-Malware");
        Assert.False(map.TryGet("Duplicate", out _));
        ArgumentException ex = Assert.Throws<ArgumentException>(() => map.Get("Duplicate"));
        Assert.Equal("name", ex.ParamName);
        Assert.StartsWith("Unknown close reason 'Duplicate'; known: Resolved.", ex.Message, StringComparison.Ordinal);
    }
}

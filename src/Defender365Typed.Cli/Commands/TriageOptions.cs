using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Defender365Typed.Cli.Settings;
using Defender365Typed.Client;

namespace Defender365Typed.Cli.Commands;

/// <summary>
/// The triage vocabulary shared by incidents and alerts (severity, classification, determination, assignee) as command
/// line choices, and the options that filter or update by it. The values and their help come from the client's one list
/// of incident values, so both command groups accept and describe the same spellings.
/// </summary>
internal static class TriageOptions
{
    public static readonly string[] Severities = Names(IncidentSeverity.KnownValues);
    public static readonly string[] Classifications = Names(IncidentClassification.KnownValues);
    public static readonly string[] Determinations = Names(IncidentClassification.KnownValues.SelectMany(c => c.AllowedDeterminations).Distinct());

    public static string[] Names<T>(IEnumerable<T> values)
        where T : struct, IIncidentValue<T> => [.. values.Select(v => v.Value!)];

    /// <summary><c>--severity</c> (repeatable) for a list.</summary>
    public static Option<string[]> SeverityFilter() => Restricted(
        new Option<string[]>("--severity") { Description = "Only these severities (repeatable): " + string.Join(", ", Severities) + ".", HelpName = "severity" },
        Severities);

    /// <summary><c>--assigned-to</c> for a list of <paramref name="items"/>.</summary>
    public static Option<string?> AssigneeFilter(string items) =>
        new("--assigned-to") { Description = $"Only {items} assigned to this user (UPN).", HelpName = "user" };

    /// <summary><c>--assigned-to</c> for an update.</summary>
    public static Option<string?> NewAssignee() =>
        new("--assigned-to") { Description = "New assignee (UPN); \"\" unassigns.", HelpName = "user" };

    /// <summary><c>--classification</c>: a filter (<paramref name="update"/> false) or a new value.</summary>
    public static Option<string?> Classification(bool update) => Restricted(
        new Option<string?>("--classification") { Description = (update ? "New classification: " : "Only this classification: ") + string.Join(", ", Classifications) + ".", HelpName = "value" },
        Classifications);

    /// <summary><c>--determination</c>: a filter, or a new value whose help lists the determinations of each classification.</summary>
    public static Option<string?> Determination(bool update) => Restricted(
        new Option<string?>("--determination")
        {
            Description = update
                ? "New determination, with the --classification it belongs to: " + string.Join("; ",
                    IncidentClassification.KnownValues.Select(c => $"{c}: {string.Join(", ", c.AllowedDeterminations)}")) + "."
                : "Only this determination: " + string.Join(", ", Determinations) + ".",
            HelpName = "value",
        },
        Determinations);

    public static IReadOnlyList<IncidentSeverity>? SeveritiesOf(ParseResult parse, Option<string[]> option) =>
        parse.GetValue(option) is { Length: > 0 } values ? [.. values.Select(s => new IncidentSeverity(Choices.Find(s, Severities)!))] : null;

    public static IncidentClassification? ClassificationOf(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is string c ? new IncidentClassification(Choices.Find(c, Classifications)!) : null;

    public static IncidentDetermination? DeterminationOf(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is string d ? new IncidentDetermination(Choices.Find(d, Determinations)!) : null;

    private static Option<T> Restricted<T>(Option<T> option, string[] allowed)
    {
        switch (option)
        {
            case Option<string?> single:
                Choices.Restrict(single, allowed);
                break;
            case Option<string[]> many:
                Choices.Restrict(many, allowed);
                break;
        }

        return option;
    }
}

using System.IO;
using System.Threading.Tasks;
using Defender365Typed.Cli.Commands;
using Defender365Typed.Client;

namespace Defender365Typed.Cli.Tests;

/// <summary>The pieces <c>incidents</c> and <c>alerts</c> share, where the two command groups once differed.</summary>
public sealed class TriageCommandsTests
{
    [Fact]
    public async Task A_comment_without_a_time_shows_a_dash_in_incident_and_alert_details_alike()
    {
        // Incident details once printed an empty time here where alert details printed "-" (twin code); both now use the one writer.
        var text = new StringWriter { NewLine = "\n" };
        await TriageCommands.WriteCommentsAsync(text,
        [
            new IncidentComment { Comment = "Escalated.", CreatedBy = "soc@contoso.example" },
            new IncidentComment { Comment = "Closed.", CreatedByDisplayName = "Analyst", CreatedDateTime = new System.DateTimeOffset(2026, 3, 1, 9, 30, 59, System.TimeSpan.FromHours(2)) },
        ]);
        Assert.Equal(
            "  Comments (2):\n"
            + "    -  soc@contoso.example: Escalated.\n"
            + "    2026-03-01 07:30  Analyst: Closed.\n",
            text.ToString());
    }

    [Fact]
    public async Task No_comments_write_no_section()
    {
        var text = new StringWriter();
        await TriageCommands.WriteCommentsAsync(text, []);
        Assert.Equal(string.Empty, text.ToString());
    }
}

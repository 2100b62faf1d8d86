using System;
using System.IO;
using System.Threading.Tasks;
using Defender365Typed.Cli.Output;
using Microsoft.Extensions.Time.Testing;

namespace Defender365Typed.Cli.Tests;

/// <summary>The table layout, the progress line on a fake clock, and the plain writer under them.</summary>
public sealed class OutputTests
{
    [Fact]
    public void A_redirected_table_is_plain_text_with_clipped_cells_and_no_trailing_spaces()
    {
        var text = new StringWriter { NewLine = "\n" };
        ResultTable.Write(CliConsole.Create(text, terminal: false), ["Id", "Note", "Last"],
        [
            ["1", "[red]not markup[/]", "x"],
            ["22", "two\nlines\tand a tab", null],
            ["3", new string('a', 80), "end"],
        ]);
        string clipped = new string('a', ResultTable.MaxCellWidth - 1) + "…";
        Assert.Equal(
            $"Id  Note{new string(' ', clipped.Length - 4)}  Last\n"
            + new string('-', 4 + clipped.Length + 2 + 4) + "\n"
            + $"1   [red]not markup[/]{new string(' ', clipped.Length - 18)}  x\n"
            + "22  two lines and a tab\n"
            + $"3   {clipped}  end\n",
            text.ToString());
    }

    [Fact]
    public async Task The_progress_line_draws_after_the_delay_on_the_runs_clock_and_is_cleared()
    {
        var clock = new FakeTimeProvider();
        var err = new StringWriter();
        await using CliRun run = NewRun(clock, err, terminal: true);
        ProgressLine progress = ProgressLine.Start(run, "Working...")!;

        clock.Advance(ProgressLine.Delay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(string.Empty, err.ToString()); // quick operations show nothing

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("\r- Working... 1s", err.ToString());

        progress.Rows(1234);
        clock.Advance(TimeSpan.FromMilliseconds(130)); // Spectre's Line spinner: the next frame, with the rows read so far
        Assert.Equal("\r- Working... 1s\r\\ Working... 1s, 1,234 rows", err.ToString());

        progress.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("\r- Working... 1s\r\\ Working... 1s, 1,234 rows\r\u001b[2K", err.ToString());
    }

    [Fact]
    public async Task A_progress_line_stopped_before_the_delay_writes_nothing()
    {
        var clock = new FakeTimeProvider();
        var err = new StringWriter();
        await using CliRun run = NewRun(clock, err, terminal: true);
        ProgressLine.Start(run, "Working...")!.Dispose();
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(string.Empty, err.ToString());
    }

    [Fact]
    public async Task No_progress_line_when_standard_error_is_not_a_terminal()
    {
        await using CliRun run = NewRun(new FakeTimeProvider(), new StringWriter(), terminal: false);
        Assert.Null(ProgressLine.Start(run, "Working..."));
    }

    [Fact]
    public void Trailing_spaces_are_dropped_only_at_line_ends()
    {
        var inner = new StringWriter();
        using var writer = new LineEndTrimmingWriter(inner);
        writer.Write("a  b   \n");
        writer.Write("  c ");
        writer.Write(" \r\nd");
        writer.Flush();
        Assert.Equal("a  b\n  c\r\nd", inner.ToString());
    }

    private static CliRun NewRun(TimeProvider clock, TextWriter err, bool terminal) =>
        new(new CliContext { Time = clock, ErrorIsTerminal = terminal, OutputIsTerminal = false }, TextWriter.Null, err);
}

using System.IO;
using Spectre.Console;

namespace Defender365Typed.Cli.Output;

/// <summary>
/// The Spectre.Console consoles the commands write through: styled for a terminal, plain (no ANSI, no colour, no
/// wrapping, no trailing padding) when the output is redirected, so files and pipes get stable text.
/// </summary>
internal static class CliConsole
{
    /// <summary>Wide enough that a redirected table is never wrapped; cells are clipped instead (<see cref="ResultTable.MaxCellWidth"/>).</summary>
    private const int PlainWidth = 1 << 16;

    public static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        if (terminal)
        {
            // A terminal: ANSI for the progress line and bold headers; the width is the terminal's when the writer is the console's.
            return AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.Detect,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(writer),
            });
        }

        IAnsiConsole plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(new LineEndTrimmingWriter(writer)),
        });
        plain.Profile.Width = PlainWidth;
        return plain;
    }
}

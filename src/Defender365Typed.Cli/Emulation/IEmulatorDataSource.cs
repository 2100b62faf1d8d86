using Defender365Typed.Emulator;

namespace Defender365Typed.Cli.Emulation;

/// <summary>
/// What an in-process emulator started by <c>demo</c> or <c>--emulator</c> holds: its incidents and where its
/// hunting answers come from. Implementations are swapped in <see cref="EmulatorDataSources.CreateDefault"/>.
/// </summary>
internal interface IEmulatorDataSource
{
    /// <summary>One line for the user: where the hunting answers come from.</summary>
    string Description { get; }

    /// <summary>Adds the incidents and installs the hunting answers in a freshly started emulator.</summary>
    void Fill(DefenderEmulator emulator);
}

/// <summary>The one place that decides what the command line's emulator answers hunting queries with.</summary>
internal static class EmulatorDataSources
{
    /// <summary>
    /// The data source of every emulator the command line starts (<c>demo</c>, <c>--emulator</c>): real KQL
    /// evaluation over the synthetic tenant of src/Defender365Typed.KqlEngine.
    /// </summary>
    public static IEmulatorDataSource CreateDefault() => new EvaluatedDemoData();
}

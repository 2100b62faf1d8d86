using Defender365Typed.Emulator;

namespace Defender365Typed.CommandLine.Emulation;

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
    /// The data source of every emulator the command line starts (<c>demo</c>, <c>--emulator</c>).
    /// <para>
    /// SEAM FOR THE KQL ENGINE: today the emulator answers hunting queries from scripts
    /// (<see cref="ScriptedDemoData"/>: the demo's typed query and a few fixed queries). To evaluate real KQL over
    /// the synthetic dataset instead, return an <see cref="IEmulatorDataSource"/> here whose <c>Fill</c> seeds the
    /// dataset's incidents and makes the emulator's hunting endpoint call
    /// <c>KqlEngine.Execute(kql, dataset, options)</c> (src/Defender365Typed.KqlEngine). Nothing else in the
    /// command line changes: demo, hunt and incidents only talk to the emulator over HTTP.
    /// </para>
    /// </summary>
    public static IEmulatorDataSource CreateDefault() => new ScriptedDemoData();
}

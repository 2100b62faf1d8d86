using System;
using System.IO;

namespace Defender365Typed.Client;

/// <summary>Settings of a resumable batch (<see cref="HuntingClient.RunBatchAsync"/>, docs/hunting-batches.md).</summary>
public sealed class HuntingBatchOptions
{
    /// <summary>The name of the state file in the output folder unless <see cref="StatePath"/> is set.</summary>
    public const string DefaultStateFileName = ".hunting-batch.json";

    /// <summary>
    /// The range and the slicing of every query. <see cref="SlicedRunOptions.Start"/> and <see cref="SlicedRunOptions.End"/>
    /// are required for a new batch; when a state file is resumed they may be left null to keep the batch's recorded range
    /// (a range relative to now would otherwise move), and when given they must equal it.
    /// </summary>
    public SlicedRunOptions Slicing { get; set; } = new();

    /// <summary>The folder the output files are written to (created if missing). Required.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>The format of the output files.</summary>
    public HuntingRowFormat Format { get; set; } = HuntingRowFormat.Ndjson;

    /// <summary>The state file; <see cref="DefaultStateFileName"/> in <see cref="OutputDirectory"/> unless set.</summary>
    public string? StatePath { get; set; }

    /// <summary>Ignore an existing state file and start the batch over (the output files are rewritten).</summary>
    public bool Restart { get; set; }

    /// <summary>Receives the batch's progress, synchronously on the batch's own flow (per query and per completed slice).</summary>
    public IProgress<HuntingBatchProgress>? Progress { get; set; }

    /// <summary>Checks the options; returns the output folder and the state file's path, both full.</summary>
    internal (string Folder, string State) Validate()
    {
        const string Param = "options";
        if (Slicing is null)
        {
            throw new ArgumentException("HuntingBatchOptions.Slicing is required: the range and slicing of the queries.", Param);
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            throw new ArgumentException("HuntingBatchOptions.OutputDirectory is required: the folder of the output files.", Param);
        }

        if (!Enum.IsDefined(Format))
        {
            throw new ArgumentException($"HuntingBatchOptions.Format ({(int)Format}) is not Ndjson or Csv.", Param);
        }

        string folder = Path.GetFullPath(OutputDirectory);
        return (folder, Path.GetFullPath(StatePath ?? Path.Combine(folder, DefaultStateFileName)));
    }
}

using System;
using Defender365Typed.Results;

namespace Defender365Typed.Benchmarks.Results;

/// <summary>A full row of the synthetic payload: the 15 DeviceProcessEvents columns it carries.</summary>
[HuntingResult]
public sealed partial record ProcessEventRow
{
    public DateTime Timestamp { get; init; }

    public string DeviceId { get; init; } = "";

    public string DeviceName { get; init; } = "";

    public string ActionType { get; init; } = "";

    public string FileName { get; init; } = "";

    public string FolderPath { get; init; } = "";

    public string SHA1 { get; init; } = "";

    public string SHA256 { get; init; } = "";

    public long? ProcessId { get; init; }

    public string ProcessCommandLine { get; init; } = "";

    public string AccountDomain { get; init; } = "";

    public string AccountName { get; init; } = "";

    public string InitiatingProcessFileName { get; init; } = "";

    public long? ReportId { get; init; }

    public KqlDynamicValue AdditionalFields { get; init; }
}

/// <summary>A 3-column projection as a struct; the device name is interned, so steady-state reading allocates nothing.</summary>
[HuntingResult]
public partial record struct ProcessKey(
    DateTime Timestamp,
    [property: HuntingColumn(Intern = true)] string DeviceName,
    long? ProcessId);

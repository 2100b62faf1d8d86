namespace Defender365Typed.Generators.Tests.Helpers;

/// <summary>Declarations shared by the snapshot, caching and compile tests.</summary>
internal static class Samples
{
    /// <summary>A table with every supported type, a renamed column, nullables, a pin and a keyword-named property, nested in a partial class; and a positional result record.</summary>
    public const string Declarations = """
        using System;
        using System.Text.Json;
        using Defender365Typed;

        namespace Sample.Hunting;

        public static partial class Queries
        {
            /// <summary>Events of the sample.</summary>
            [HuntingTable("SampleEvents")]
            public sealed partial record SampleEvents
            {
                /// <summary>When the event   was
                /// recorded.</summary>
                public DateTime Timestamp { get; init; }
                public DateTimeOffset Received { get; init; }
                public string DeviceName { get; init; } = "";
                public long FileSize { get; init; }
                public int? ExitCode { get; init; }
                public bool IsElevated { get; init; }
                public double Score { get; init; }
                public decimal Cost { get; init; }
                public Guid ReportId { get; init; }
                public TimeSpan? Duration { get; init; }
                public JsonElement AdditionalFields { get; init; }
                /// <summary>Renamed: the KQL column has a space and quotes.</summary>
                [HuntingColumn("Account \"Name\"")]
                public string AccountName { get; init; } = "";
                [HuntingColumn(Type = KqlType.Guid)]
                public string TenantId { get; init; } = "";
                public string @event { get; init; } = "";
            }

            /// <summary>Devices and how often they were seen.</summary>
            /// <param name="DeviceName">The device.</param>
            /// <param name="Count">How many events.</param>
            [HuntingResult]
            public sealed partial record DeviceCount(string DeviceName, long Count);

            public static int Helper() => 1;
        }
        """;
}

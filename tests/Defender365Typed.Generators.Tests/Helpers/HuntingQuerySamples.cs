namespace Defender365Typed.Generators.Tests.Helpers;

/// <summary>[HuntingQuery("Name")] constants for the typed-query generator's snapshot, caching and compile tests.</summary>
internal static class HuntingQuerySamples
{
    /// <summary>
    /// A query over a built-in table whose output has every kind of column: a text and a numeric aggregate, a datetime, a
    /// dynamic, a column whose KQL name is no C# name, one named like a generated member, and one the binder cannot type (a toscalar).
    /// </summary>
    public const string Detections = """"
        using Defender365Typed;

        namespace Sample.Hunting;

        public static partial class MyDetections
        {
            [HuntingQuery("FailedLogons")]
            private const string FailedLogonsKql = """
                DeviceLogonEvents
                | where ActionType == "LogonFailed"
                | summarize Attempts = count(), LastSeen = max(Timestamp), Accounts = make_set(AccountName) by DeviceName
                | extend ['Attempts per hour'] = todouble(Attempts) / 24, Columns = strlen(DeviceName), Baseline = toscalar(DeviceLogonEvents | count)
                """;

            public static int Helper() => 1;
        }
        """";
}

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// The parse operator's kinds against the examples of Microsoft's KQL reference
/// (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/query/parse-operator.md), outputs as printed there. The
/// reference prints the Traces rows in another order than the datatable's, so the rows are compared in any order.
/// "Extract email alias and DNS" and parse-where are in ReferenceExampleTests.
/// </summary>
public sealed class ParseReferenceTests
{
    private const string Traces = """
        let Traces = datatable(EventText: string)
        [
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01, previousLockTime=02/17/2016 08:39:01)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=15, lockTime=02/17/2016 08:40:00, releaseTime=02/17/2016 08:40:00, previousLockTime=02/17/2016 08:39:00)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=20, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01, previousLockTime=02/17/2016 08:39:01)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=22, lockTime=02/17/2016 08:41:01, releaseTime=02/17/2016 08:41:00, previousLockTime=02/17/2016 08:40:01)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=16, lockTime=02/17/2016 08:41:00, releaseTime=02/17/2016 08:41:00, previousLockTime=02/17/2016 08:40:00)"
        ];
        Traces
        """;

    // "Parse and extend results": simple mode, '*' skips text, long and date columns convert.
    [Fact]
    public void Parse_simple() => DocsTable.AssertOutputInAnyOrder(
        Traces + """
            | parse EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long * "sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *
            | project resourceName, totalSlices, sliceNumber, lockTime, releaseTime, previousLockTime
            """,
        """
        |resourceName|totalSlices|sliceNumber|lockTime|releaseTime|previousLockTime|
        |---|---|---|---|---|---|
        |PipelineScheduler|27|15|02/17/2016 08:40:00|2016-02-17 08:40:00.0000000|2016-02-17 08:39:00.0000000|
        |PipelineScheduler|27|23|02/17/2016 08:40:01|2016-02-17 08:40:01.0000000|2016-02-17 08:39:01.0000000|
        |PipelineScheduler|27|20|02/17/2016 08:40:01|2016-02-17 08:40:01.0000000|2016-02-17 08:39:01.0000000|
        |PipelineScheduler|27|16|02/17/2016 08:41:00|2016-02-17 08:41:00.0000000|2016-02-17 08:40:00.0000000|
        |PipelineScheduler|27|22|02/17/2016 08:41:01|2016-02-17 08:41:00.0000000|2016-02-17 08:40:01.0000000|
        """);

    // "Regex mode": the pattern's own groups ((.*?), (previous)?) do not shift the columns; the text columns are
    // greedy, so lockTime and releaseTime keep the ", " before the next delimiter.
    [Fact]
    public void Parse_regex() => DocsTable.AssertOutputInAnyOrder(
        Traces + """
            | parse kind=regex EventText with "(.*?)[a-zA-Z]*=" resourceName @", totalSlices=\s*\d+\s*.*?sliceNumber=" sliceNumber: long  ".*?(previous)?lockTime=" lockTime ".*?releaseTime=" releaseTime ".*?previousLockTime=" previousLockTime: date "\\)"
            | project resourceName, sliceNumber, lockTime, releaseTime, previousLockTime
            """,
        """
        |resourceName|sliceNumber|lockTime|releaseTime|previousLockTime|
        |---|---|---|---|---|
        |PipelineScheduler|15|02/17/2016 08:40:00, |02/17/2016 08:40:00, |2016-02-17 08:39:00.0000000|
        |PipelineScheduler|23|02/17/2016 08:40:01, |02/17/2016 08:40:01, |2016-02-17 08:39:01.0000000|
        |PipelineScheduler|20|02/17/2016 08:40:01, |02/17/2016 08:40:01, |2016-02-17 08:39:01.0000000|
        |PipelineScheduler|16|02/17/2016 08:41:00, |02/17/2016 08:41:00, |2016-02-17 08:40:00.0000000|
        |PipelineScheduler|22|02/17/2016 08:41:01, |02/17/2016 08:41:00, |2016-02-17 08:40:01.0000000|
        """);

    // "Regex mode with regex flags": without flags the match is greedy (resourceName runs to the last ','); with
    // flags=Ui it is ungreedy and case-insensitive.
    [Fact]
    public void Parse_regex_is_greedy_without_flags() => DocsTable.AssertOutputInAnyOrder(
        Traces + """
            | parse kind=regex EventText with * "resourceName=" resourceName ',' *
            | project resourceName
            """,
        """
        |resourceName|
        |---|
        |PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01|
        |PipelineScheduler, totalSlices=27, sliceNumber=15, lockTime=02/17/2016 08:40:00, releaseTime=02/17/2016 08:40:00|
        |PipelineScheduler, totalSlices=27, sliceNumber=20, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01|
        |PipelineScheduler, totalSlices=27, sliceNumber=22, lockTime=02/17/2016 08:41:01, releaseTime=02/17/2016 08:41:00|
        |PipelineScheduler, totalSlices=27, sliceNumber=16, lockTime=02/17/2016 08:41:00, releaseTime=02/17/2016 08:41:00|
        """);

    [Fact]
    public void Parse_regex_with_flags_Ui() => DocsTable.AssertOutputInAnyOrder(
        Traces + """
            | parse kind=regex flags=Ui EventText with * "RESOURCENAME=" resourceName ',' *
            | project resourceName
            """,
        """
        |resourceName|
        |---|
        |PipelineScheduler|
        |PipelineScheduler|
        |PipelineScheduler|
        |PipelineScheduler|
        |PipelineScheduler|
        """);

    // "If the parsed string has newlines, use the flag s": resourceName keeps its line break (PipelineScheduler<br>).
    [Fact]
    public void Parse_regex_with_flag_s_over_lines() => DocsTable.AssertOutputInAnyOrder(
        """
        let Traces = datatable(EventText: string)
        [
            "Event: NotifySliceRelease (resourceName=PipelineScheduler\ntotalSlices=27\nsliceNumber=23\nlockTime=02/17/2016 08:40:01\nreleaseTime=02/17/2016 08:40:01\npreviousLockTime=02/17/2016 08:39:01)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler\ntotalSlices=27\nsliceNumber=15\nlockTime=02/17/2016 08:40:00\nreleaseTime=02/17/2016 08:40:00\npreviousLockTime=02/17/2016 08:39:00)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler\ntotalSlices=27\nsliceNumber=20\nlockTime=02/17/2016 08:40:01\nreleaseTime=02/17/2016 08:40:01\npreviousLockTime=02/17/2016 08:39:01)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler\ntotalSlices=27\nsliceNumber=22\nlockTime=02/17/2016 08:41:01\nreleaseTime=02/17/2016 08:41:00\npreviousLockTime=02/17/2016 08:40:01)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler\ntotalSlices=27\nsliceNumber=16\nlockTime=02/17/2016 08:41:00\nreleaseTime=02/17/2016 08:41:00\npreviousLockTime=02/17/2016 08:40:00)"
        ];
        Traces
        | parse kind=regex flags=s EventText with * "resourceName=" resourceName: string "(.*?)totalSlices=" totalSlices: long "(.*?)lockTime=" lockTime: datetime "(.*?)releaseTime=" releaseTime: datetime "(.*?)previousLockTime=" previousLockTime: datetime "\\)"
        | project-away EventText
        """,
        """
        |resourceName|totalSlices|lockTime|releaseTime|previousLockTime|
        |---|---|---|---|---|
        |PipelineScheduler<br>|27|2016-02-17 08:40:00.0000000|2016-02-17 08:40:00.0000000|2016-02-17 08:39:00.0000000|
        |PipelineScheduler<br>|27|2016-02-17 08:40:01.0000000|2016-02-17 08:40:01.0000000|2016-02-17 08:39:01.0000000|
        |PipelineScheduler<br>|27|2016-02-17 08:40:01.0000000|2016-02-17 08:40:01.0000000|2016-02-17 08:39:01.0000000|
        |PipelineScheduler<br>|27|2016-02-17 08:41:00.0000000|2016-02-17 08:41:00.0000000|2016-02-17 08:40:00.0000000|
        |PipelineScheduler<br>|27|2016-02-17 08:41:01.0000000|2016-02-17 08:41:00.0000000|2016-02-17 08:40:01.0000000|
        """);

    // "Relaxed mode": a value that does not convert is null, the other columns keep theirs.
    [Fact]
    public void Parse_relaxed() => DocsTable.AssertOutputInAnyOrder(
        """
        let Traces = datatable(EventText: string)
        [
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=nonValidDateTime 08:40:01, previousLockTime=02/17/2016 08:39:01)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=15, lockTime=02/17/2016 08:40:00, releaseTime=nonValidDateTime, previousLockTime=02/17/2016 08:39:00)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=nonValidLongValue, sliceNumber=20, lockTime=02/17/2016 08:40:01, releaseTime=nonValidDateTime 08:40:01, previousLockTime=02/17/2016 08:39:01)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=22, lockTime=02/17/2016 08:41:01, releaseTime=02/17/2016 08:41:00, previousLockTime=02/17/2016 08:40:01)",
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=nonValidLongValue, sliceNumber=16, lockTime=02/17/2016 08:41:00, releaseTime=02/17/2016 08:41:00, previousLockTime=02/17/2016 08:40:00)"
        ];
        Traces
        | parse kind=relaxed EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long ", sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *
        | project-away EventText
        """,
        """
        |resourceName|totalSlices|sliceNumber|lockTime|releaseTime|previousLockTime|
        |---|---|---|---|---|---|
        |PipelineScheduler|27|15|02/17/2016 08:40:00||2016-02-17 08:39:00.0000000|
        |PipelineScheduler|27|23|02/17/2016 08:40:01||2016-02-17 08:39:01.0000000|
        |PipelineScheduler||20|02/17/2016 08:40:01||2016-02-17 08:39:01.0000000|
        |PipelineScheduler||16|02/17/2016 08:41:00|2016-02-17 08:41:00.0000000|2016-02-17 08:40:00.0000000|
        |PipelineScheduler|27|22|02/17/2016 08:41:01|2016-02-17 08:41:00.0000000|2016-02-17 08:40:01.0000000|
        """);
}

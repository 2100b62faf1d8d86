using System;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Client.Tests.Slicing;

/// <summary>Which queries the sliced runner accepts, and the message and position when it refuses one.</summary>
public sealed class SliceabilityTests
{
    [Theory]
    [InlineData("DeviceProcessEvents | summarize count() by DeviceName", "summarize", 23, "aggregates over the whole result")]
    [InlineData("DeviceProcessEvents | top 5 by Timestamp", "top", 23, "keeps a number of rows of the whole result")]
    [InlineData("DeviceProcessEvents | take 5", "take", 23, "keeps a number of rows")]
    [InlineData("DeviceProcessEvents | limit 5", "limit", 23, "keeps a number of rows")]
    [InlineData("DeviceProcessEvents | distinct DeviceName", "distinct", 23, "removes duplicates across the whole result")]
    [InlineData("DeviceProcessEvents | count", "count", 23, "counts the whole result")]
    [InlineData("DeviceProcessEvents | join kind=inner (DeviceInfo) on DeviceId", "join", 23, "reads another table")]
    [InlineData("DeviceProcessEvents | lookup (DeviceInfo) on DeviceId", "lookup", 23, "reads another table")]
    [InlineData("DeviceProcessEvents | make-series n = count() on Timestamp step 1h", "make-series", 23, "aggregates over the whole result")]
    [InlineData("DeviceProcessEvents | serialize | extend n = row_number()", "serialize", 23, "numbers rows across the whole result")]
    [InlineData("DeviceProcessEvents | sample 10", "sample", 23, "picks rows at random")]
    [InlineData("DeviceProcessEvents | evaluate bag_unpack(AdditionalFields)", "evaluate", 23, "is not a row-wise operator")]
    [InlineData("union DeviceProcessEvents, DeviceFileEvents | where FileName == \"a\"", "union", 1, "starts the query instead of a table")]
    [InlineData("DeviceProcessEvents | where ProcessId > toscalar(DeviceProcessEvents | count)", "toscalar()", 41, "depends on other rows or on a whole table")]
    [InlineData("DeviceProcessEvents | extend p = prev(ProcessId)", "prev()", 34, "depends on other rows")]
    public void A_whole_result_operator_is_refused_naming_it(string kql, string construct, int column, string why)
    {
        HuntingSliceabilityException error = Assert.Throws<HuntingSliceabilityException>(() => SliceablePipeline.Analyze(kql));

        Assert.Equal((construct, 1, column, "query"), (error.Construct, error.Line, error.Column, error.ParamName));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"(line 1, column {column}). (Parameter 'query')", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("let devices = DeviceInfo | project DeviceId;\nDeviceProcessEvents | where DeviceId in (devices)", "let", 1, 1)]
    [InlineData("let f = (x: string) { x };\nDeviceProcessEvents | where FileName == f(\"a\")", "let", 1, 1)]
    [InlineData("DeviceProcessEvents\n| where DeviceId in ((DeviceInfo | project DeviceId))", null, 2, 23)]
    [InlineData("FileProfile(\"abc\") | where x == 1", null, 1, 1)]
    [InlineData("DeviceProcessEvents | where", null, 1, 28)]
    [InlineData("DeviceProcessEvents; DeviceFileEvents", null, 1, 22)]
    public void Other_tables_functions_and_syntax_errors_are_refused_with_their_position(string kql, string? construct, int line, int column)
    {
        HuntingSliceabilityException error = Assert.Throws<HuntingSliceabilityException>(() => SliceablePipeline.Analyze(kql));

        Assert.Equal((construct, line, column), (error.Construct, error.Line, error.Column));
    }

    [Theory]
    [InlineData("DeviceProcessEvents")]
    [InlineData("DeviceProcessEvents | where FileName =~ \"a.exe\" | project Timestamp, DeviceName")]
    [InlineData("DeviceProcessEvents | extend Mb = FileSize / 1048576.0 | project-away FileSize | project-rename Host = DeviceName")]
    [InlineData("DeviceProcessEvents | mv-expand AdditionalFields | parse ProcessCommandLine with * \"-enc \" Payload | order by Timestamp asc")]
    [InlineData("let cutoff = 5;\nlet names = dynamic([\"a\", \"b\"]);\nDeviceProcessEvents | where ProcessId > cutoff and FileName in (names) and Timestamp > ago(7d)")]
    [InlineData("DeviceProcessEvents | project-keep Timestamp, Device* | project-reorder Timestamp | render timechart")]
    public void Row_wise_pipelines_are_accepted(string kql)
    {
        Assert.Equal("DeviceProcessEvents", SliceablePipeline.Analyze(kql).Table);
    }

    [Theory]
    [InlineData("DeviceTvmSoftwareInventory | where SoftwareVendor == \"x\"", "DeviceTvmSoftwareInventory", 1, 1)]
    [InlineData("let v = \"x\";\nExposureGraphNodes | where NodeLabel == v", "ExposureGraphNodes", 2, 1)]
    [InlineData("DeviceBaselineComplianceAssessment", "DeviceBaselineComplianceAssessment", 1, 1)]
    public void A_documented_table_without_a_Timestamp_column_is_refused_naming_it(string kql, string table, int line, int column)
    {
        HuntingSliceabilityException error = Assert.Throws<HuntingSliceabilityException>(() => SliceablePipeline.Analyze(kql));

        Assert.Equal((table, line, column, "query"), (error.Construct, error.Line, error.Column, error.ParamName));
        Assert.Contains($"the table '{table}' has no Timestamp column (in the documented schema)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GraphAPIAuditEvents")]
    [InlineData("OAuthAppInfo")]
    public void A_documented_table_whose_Timestamp_is_not_a_datetime_is_refused(string table)
    {
        HuntingSliceabilityException error = Assert.Throws<HuntingSliceabilityException>(() => HuntingClient.CheckSliceable(table + " | project Timestamp"));

        Assert.Equal(table, error.Construct);
        Assert.Contains($"the table '{table}' has a Timestamp column of type string, not datetime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_callers_schema_decides_for_the_tables_it_lists()
    {
        HuntingSchemaDocument tenant = new([
            new HuntingSchemaTable("MyInventory", [new HuntingSchemaColumn("DeviceId", "string")]),
            new HuntingSchemaTable("MyEvents", [new HuntingSchemaColumn("Timestamp", "datetime"), new HuntingSchemaColumn("DeviceId", "string")]),
            new HuntingSchemaTable("MyTextTimes", [new HuntingSchemaColumn("Timestamp", "string")]),
            new HuntingSchemaTable("DeviceTvmSoftwareInventory", [new HuntingSchemaColumn("Timestamp", "datetime")]), // this tenant's copy has one
        ]);

        HuntingSliceabilityException noColumn = Assert.Throws<HuntingSliceabilityException>(() => HuntingClient.CheckSliceable("MyInventory | where DeviceId == \"a\"", tenant));
        HuntingSliceabilityException text = Assert.Throws<HuntingSliceabilityException>(() => SliceablePipeline.Analyze("MyTextTimes", tenant));

        Assert.Equal("MyInventory", noColumn.Construct);
        Assert.Contains("the table 'MyInventory' has no Timestamp column (in the schema given in SlicedRunOptions.Schema)", noColumn.Message, StringComparison.Ordinal);
        Assert.Contains("the table 'MyTextTimes' has a Timestamp column of type string, not datetime (in the schema given in SlicedRunOptions.Schema)", text.Message, StringComparison.Ordinal);
        Assert.Equal("MyEvents", SliceablePipeline.Analyze("MyEvents | where DeviceId == \"a\"", tenant).Table);
        Assert.Equal("DeviceTvmSoftwareInventory", SliceablePipeline.Analyze("DeviceTvmSoftwareInventory", tenant).Table);
        Assert.Equal("DeviceProcessEvents", SliceablePipeline.Analyze("DeviceProcessEvents", tenant).Table); // not listed: the documented schema
    }

    [Fact]
    public void A_table_no_schema_knows_is_left_to_the_service()
    {
        Assert.Equal("MyCustomSignals_CL", SliceablePipeline.Analyze("MyCustomSignals_CL | where Score > 5").Table);
    }

    [Fact]
    public void The_slice_filter_goes_right_after_the_table_reference_and_is_half_open()
    {
        SliceablePipeline pipeline = SliceablePipeline.Analyze("let n = 5;\nDeviceProcessEvents // all of them\n| where ProcessId > n");

        string text = pipeline.ForSlice(new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 24, 0, 0, 0, 1, DateTimeKind.Utc));

        Assert.Equal(
            "let n = 5;\nDeviceProcessEvents\n| where Timestamp >= datetime(2026-11-24T00:00:00.0000000Z) and Timestamp < datetime(2026-11-24T00:00:00.0010000Z) // all of them\n| where ProcessId > n",
            text);
    }

    [Theory]
    [InlineData("2026-11-24T00:00:00Z", "2026-11-24T06:00:00Z", "2026-11-23T23:59:59Z/2026-11-24T06:00:01Z")]
    [InlineData("2026-11-24T00:00:00.5Z", "2026-11-24T06:00:00.25Z", "2026-11-23T23:59:59Z/2026-11-24T06:00:02Z")]
    public void The_Graph_Timespan_of_a_slice_covers_it_with_a_second_to_spare(string start, string end, string expected)
    {
        Assert.Equal(expected, SlicedHuntingRun<HuntingRow>.GraphWindow(DateTime.Parse(start, null, System.Globalization.DateTimeStyles.AdjustToUniversal), DateTime.Parse(end, null, System.Globalization.DateTimeStyles.AdjustToUniversal)));
    }
}

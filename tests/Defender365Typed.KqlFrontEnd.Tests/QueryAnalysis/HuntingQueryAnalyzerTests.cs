using System.Globalization;
using System.Linq;
using Defender365Typed.Generators.HuntingQueries;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

/// <summary>DTQ114–DTQ116: what the generator cannot type, or cannot generate, for a [HuntingQuery("Name")] constant.</summary>
public sealed class HuntingQueryAnalyzerTests
{
    private static string InClass(string members, string modifiers = "public static partial") =>
        "using Defender365Typed;\n" + modifiers + " class MyDetections\n{\n" + members + "\n}\n";

    private static Diagnostic AssertSingle(string marked, string id)
    {
        var (diagnostics, expected, source) = AnalyzerHarness.RunMarked(new HuntingQueryAnalyzer(), marked);
        var d = Assert.Single(diagnostics);
        Assert.Equal(id, d.Id);
        var span = d.Location.SourceSpan;
        Assert.Equal(source.Substring(expected[0].Start, expected[0].End - expected[0].Start), source.Substring(span.Start, span.Length));
        return d;
    }

    private static string Message(Diagnostic d) => d.GetMessage(CultureInfo.InvariantCulture);

    [Fact]
    public void A_fully_typed_query_reports_nothing()
    {
        var (diagnostics, _, _) = AnalyzerHarness.RunMarked(new HuntingQueryAnalyzer(), InClass(
            "[HuntingQuery(\"FailedLogons\")] private const string FailedLogonsKql = \"DeviceLogonEvents | summarize Attempts = count(), Accounts = make_set(AccountName) by DeviceName\";"));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_column_the_binder_cannot_type_is_an_info_at_the_expression_that_computes_it()
    {
        var d = AssertSingle(InClass(
            "[HuntingQuery(\"Volume\")] private const string VolumeKql = \"DeviceLogonEvents | summarize Attempts = count() by DeviceName | extend Baseline = [|toscalar(DeviceLogonEvents | count)|]\";"),
            "DTQ114");

        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Equal("Column 'Baseline' of VolumeRow is read as KqlDynamicValue: the binder cannot tell the type of 'toscalar(DeviceLogonEvents | count)'", Message(d));
    }

    [Fact]
    public void A_column_that_comes_through_a_plugin_names_the_plugin()
    {
        var (diagnostics, expected, source) = AnalyzerHarness.RunMarked(new HuntingQueryAnalyzer(), InClass(
            "[HuntingQuery(\"Unpacked\")] private const string UnpackedKql = \"DeviceLogonEvents | [|evaluate|] bag_unpack(AdditionalFields) | project DeviceName, Port\";"));

        Assert.Equal(["DTQ114", "DTQ114"], diagnostics.Select(d => d.Id));
        Assert.Equal(
            ["Column 'DeviceName' of UnpackedRow is read as KqlDynamicValue: it comes through 'evaluate bag_unpack', whose column types the binder cannot know",
             "Column 'Port' of UnpackedRow is read as KqlDynamicValue: it comes through 'evaluate bag_unpack', whose column types the binder cannot know"],
            diagnostics.Select(Message));
        Assert.All(diagnostics, d => Assert.Equal((expected[0].Start, expected[0].End), (d.Location.SourceSpan.Start, d.Location.SourceSpan.End)));
        _ = source;
    }

    [Fact]
    public void An_output_that_cannot_be_known_is_an_error_naming_the_operator()
    {
        var d = AssertSingle(InClass(
            "[HuntingQuery(\"Unpacked\")] private const string UnpackedKql = \"DeviceLogonEvents | where ActionType == 'LogonFailed' | [|evaluate|] bag_unpack(AdditionalFields) | where isnotempty(DeviceName)\";"),
            "DTQ115");

        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(
            "The output columns of 'UnpackedKql' cannot be known, so no UnpackedRow row type is generated: 'evaluate bag_unpack' produces columns the binder cannot know; end the query with a project of the columns, or declare a [HuntingResult] type",
            Message(d));
    }

    [Fact]
    public void A_query_with_a_KQL_error_is_left_to_the_raw_KQL_analyzer()
    {
        var (diagnostics, _, _) = AnalyzerHarness.RunMarked(new HuntingQueryAnalyzer(), InClass(
            "[HuntingQuery(\"Broken\")] private const string BrokenKql = \"DeviceLogonEvents | evaluate bag_unpack(AdditionalFields) | where Missing(1)\";"));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Check_only_constants_get_no_row_diagnostics()
    {
        var (diagnostics, _, _) = AnalyzerHarness.RunMarked(new HuntingQueryAnalyzer(), InClass(
            "[HuntingQuery] private const string UnpackedKql = \"DeviceLogonEvents | evaluate bag_unpack(AdditionalFields)\";", "public static"));

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("public static", "[[|HuntingQuery(\"FailedLogons\")|]] private const string FailedLogonsKql = \"DeviceLogonEvents | take 1\";",
        "No typed query is generated for 'FailedLogonsKql': 'MyDetections' must be declared partial to receive the generated query 'FailedLogons' and its row type 'FailedLogonsRow'")]
    [InlineData("public static partial", "[[|HuntingQuery(\"Failed Logons\")|]] private const string FailedLogonsKql = \"DeviceLogonEvents | take 1\";",
        "No typed query is generated for 'FailedLogonsKql': 'Failed Logons' is not a valid C# name for the generated query")]
    [InlineData("public static partial", "[[|HuntingQuery(\"FailedLogons\")|]] private static readonly string FailedLogonsKql = \"DeviceLogonEvents | take 1\";",
        "No typed query is generated for 'FailedLogonsKql': 'FailedLogonsKql' must be a const string: the generated query reads its text at compile time")]
    [InlineData("public static partial", "[[|HuntingQuery(\"FailedLogons\")|]] private const string FailedLogons = \"DeviceLogonEvents | take 1\";",
        "No typed query is generated for 'FailedLogons': the generated query 'FailedLogons' would have the name of the field itself; name the constant differently (for example 'FailedLogonsKql')")]
    [InlineData("public static partial", "[HuntingQuery(\"FailedLogons\")] private const string FirstKql = \"DeviceLogonEvents | take 1\"; [[|HuntingQuery(\"FailedLogons\")|]] private const string SecondKql = \"DeviceLogonEvents | take 2\";",
        "No typed query is generated for 'SecondKql': 'FirstKql' already generates 'FailedLogons' in 'MyDetections'")]
    public void A_field_that_cannot_get_a_typed_query_is_an_error_at_the_attribute(string modifiers, string member, string message)
    {
        var d = AssertSingle(InClass(member, modifiers), "DTQ116");

        Assert.Equal(message, Message(d));
    }
}

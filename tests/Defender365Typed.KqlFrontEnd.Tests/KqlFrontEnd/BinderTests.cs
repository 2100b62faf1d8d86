using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

public sealed class BinderTests
{
    private static KqlAnalysisResult Analyze(string text) => KqlAnalysis.Analyze(text, TestSchema.BuiltIn);

    private static void AssertClean(string text) => AnalysisAssert.Clean(text);

    /// <summary>Asserts exactly one diagnostic, of <paramref name="kind"/>, on the text marked [|like this|].</summary>
    private static KqlDiagnostic AssertOne(string marked, KqlDiagnosticKind kind)
    {
        var start = marked.IndexOf("[|", System.StringComparison.Ordinal);
        var end = marked.IndexOf("|]", System.StringComparison.Ordinal) - 2;
        var text = marked.Replace("[|", "", System.StringComparison.Ordinal).Replace("|]", "", System.StringComparison.Ordinal);
        var r = Analyze(text);
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(kind, d.Kind);
        Assert.Equal((start, end - start), (d.Start, d.Length));
        return d;
    }

    private static string Columns(string text)
    {
        var r = Analyze(text);
        Assert.True(r.Diagnostics.Count == 0, string.Join("\n", r.Diagnostics));
        Assert.NotNull(r.Output);
        return string.Join(", ", r.Output!.Columns) + (r.Output.IsOpen ? ", ..." : "");
    }

    [Fact]
    public void Unknown_column_with_did_you_mean()
    {
        var d = AssertOne("DeviceProcessEvents | where [|FileNam|] =~ \"powershell.exe\"", KqlDiagnosticKind.UnknownColumn);
        Assert.Equal("'FileNam' is not a column of DeviceProcessEvents; did you mean 'FileName'?", d.Message);
        Assert.Equal("FileName", d.Suggestion);
    }

    [Fact]
    public void Column_names_are_case_sensitive()
    {
        var d = AssertOne("DeviceProcessEvents | where [|TimeStamp|] > ago(1d)", KqlDiagnosticKind.UnknownColumn);
        Assert.Equal("Timestamp", d.Suggestion);
    }

    [Fact]
    public void Unknown_table_with_did_you_mean()
    {
        var d = AssertOne("[|DeviceProcesEvents|] | take 10", KqlDiagnosticKind.UnknownTable);
        Assert.Equal("'DeviceProcesEvents' is not a known table; did you mean 'DeviceProcessEvents'?", d.Message);
    }

    [Fact]
    public void Ordering_a_string_against_a_number_is_a_type_mismatch()
    {
        var d = AssertOne("DeviceProcessEvents | where [|FileName > 5|]", KqlDiagnosticKind.TypeMismatch);
        Assert.Equal("The operator '>' cannot compare a string with a long.", d.Message);
    }

    [Fact]
    public void Datetime_against_string_is_a_type_mismatch() =>
        AssertOne("DeviceProcessEvents | where [|Timestamp >= \"2024-01-01\"|]", KqlDiagnosticKind.TypeMismatch);

    [Fact]
    public void Equality_across_types_is_accepted_as_kusto_does() =>
        AssertClean("DeviceNetworkEvents | where RemotePort == \"3389\" or LocalPort != 1");

    [Fact]
    public void Function_argument_type_mismatch()
    {
        var d = AssertOne("DeviceProcessEvents | where Timestamp > ago([|\"1d\"|])", KqlDiagnosticKind.ArgumentTypeMismatch);
        Assert.Equal("Argument 1 of 'ago' must be a timespan, not a string.", d.Message);
    }

    [Fact]
    public void Datetime_function_on_a_string_column() =>
        AssertOne("DeviceProcessEvents | extend h = hourofday([|FileName|])", KqlDiagnosticKind.ArgumentTypeMismatch);

    [Fact]
    public void Unknown_function_with_did_you_mean()
    {
        var d = AssertOne("DeviceProcessEvents | extend x = [|tolowr|](FileName)", KqlDiagnosticKind.UnknownFunction);
        Assert.Equal("tolower", d.Suggestion);
    }

    [Fact]
    public void Wrong_argument_count()
    {
        var d = AssertOne("DeviceProcessEvents | where Timestamp > [|ago(1d, 2d)|]", KqlDiagnosticKind.WrongArgumentCount);
        Assert.Equal("The function 'ago' takes 1 argument, not 2.", d.Message);
    }

    [Fact]
    public void Let_function_argument_count() =>
        AssertOne("let f = (a:string) { a }; DeviceProcessEvents | extend x = [|f()|]", KqlDiagnosticKind.WrongArgumentCount);

    [Fact]
    public void Extend_adds_and_project_replaces() =>
        Assert.Equal("FileName:string, n:long", Columns("DeviceProcessEvents | extend n = strlen(FileName) | project FileName, n"));

    [Fact]
    public void Project_away_and_rename() =>
        Assert.Equal("Name:string, ActionType:string", Columns("DeviceProcessEvents | project FileName, ActionType, Timestamp | project-away Time* | project-rename Name = FileName"));

    [Fact]
    public void Summarize_default_names() =>
        Assert.Equal("DeviceName:string, Timestamp:datetime, count_:long, dcount_FileName:long, set_SHA1:dynamic, max_Timestamp:datetime, n:long",
            Columns("DeviceProcessEvents | summarize count(), dcount(FileName), make_set(SHA1), max(Timestamp), n = countif(FileSize > 10) by DeviceName, bin(Timestamp, 1h)"));

    [Fact]
    public void Summarize_arg_max_star_keeps_the_columns()
    {
        var r = Analyze("DeviceLogonEvents | summarize arg_max(Timestamp, *) by DeviceId | project DeviceId, AccountName, Timestamp");
        Assert.Empty(r.Diagnostics);
        Assert.Equal(KqlScalarType.String, r.Output!.Find("AccountName")!.Type);
    }

    [Fact]
    public void Summarize_drops_other_columns() =>
        AssertOne("DeviceProcessEvents | summarize count() by DeviceName | where [|FileName|] == 'x'", KqlDiagnosticKind.UnknownColumn);

    [Fact]
    public void Join_suffixes_right_duplicates() =>
        Assert.Equal("DeviceId:string, FileName:string, DeviceId1:string, RemoteIP:string",
            Columns("DeviceProcessEvents | project DeviceId, FileName | join kind=inner (DeviceNetworkEvents | project DeviceId, RemoteIP) on DeviceId"));

    [Fact]
    public void Join_on_unknown_key_is_reported() =>
        AssertOne("DeviceProcessEvents | join kind=inner (DeviceNetworkEvents) on $left.DeviceId == $right.[|DeviceIdd|]", KqlDiagnosticKind.UnknownColumn);

    [Fact]
    public void Leftsemi_keeps_the_left_side() =>
        Assert.Equal("A:string", Columns("DeviceProcessEvents | project A = FileName | join kind=leftsemi (DeviceNetworkEvents | project A = RemoteIP) on A"));

    [Fact]
    public void Union_with_source() =>
        Assert.Equal("Src:string, FileName:string, RemoteIP:string",
            Columns("union withsource=Src (DeviceProcessEvents | project FileName), (DeviceNetworkEvents | project RemoteIP)"));

    [Fact]
    public void Lets_tables_and_scalars()
    {
        AssertClean("let since = ago(7d); let Procs = DeviceProcessEvents | where Timestamp > since | project FileName; Procs | where FileName != ''");
        AssertOne("let Procs = DeviceProcessEvents | project FileName; Procs | where [|Timestamp|] > ago(1d)", KqlDiagnosticKind.UnknownColumn);
    }

    [Fact]
    public void Function_style_let()
    {
        AssertClean("let f = (t:(*), n:string) { t | where FileName == n }; f(DeviceProcessEvents, 'x') | take 1");
        AssertClean("let big = (x:long) { x > 100 }; DeviceFileEvents | where big(FileSize)");
    }

    [Fact]
    public void Parse_adds_columns() =>
        Assert.Equal(KqlScalarType.Long, Analyze("DeviceProcessEvents | parse ProcessCommandLine with * \"-p \" Port:long \" \" *").Output!.Find("Port")!.Type);

    [Fact]
    public void Mv_expand_makes_dynamic_or_the_given_type()
    {
        var r = Analyze("DeviceProcessEvents | extend parts = split(FileName, '.') | mv-expand parts to typeof(string) | where parts == 'exe'");
        Assert.Empty(r.Diagnostics);
        Assert.Equal(KqlScalarType.String, r.Output!.Find("parts")!.Type);
    }

    [Fact]
    public void Unmodelled_operators_stop_judging_downstream()
    {
        AssertClean("DeviceProcessEvents | evaluate bag_unpack(AdditionalFields) | where Whatever == 1");
        AssertClean("DeviceProcessEvents | mv-apply x = Foo on (take 1) | where Whatever == 1");
        AssertClean("DeviceProcessEvents | extend tolower(FileName) | where Whatever == 1");
    }

    [Fact]
    public void FileProfile_adds_its_columns() =>
        AssertClean("DeviceProcessEvents | invoke FileProfile(SHA1, 1000) | where GlobalPrevalence < 50 and isnotempty(Signer)");

    [Fact]
    public void Union_isfuzzy_tolerates_missing_tables() =>
        AssertClean("union isfuzzy=true DeviceProcessEvents, SomeRetiredTable | take 1");

    [Fact]
    public void Dynamic_paths_and_defaults()
    {
        // DeviceEvents.AdditionalFields is documented as string: the member's type is not judged, its name is.
        Assert.Equal("AdditionalFields_Foo:unknown", Columns("DeviceEvents | project AdditionalFields.Foo"));
        Assert.Equal("Fields_Foo:dynamic", Columns("DeviceEvents | extend Fields = parse_json(AdditionalFields) | project Fields[\"Foo\"]"));
        Assert.Equal("count_:long", Columns("DeviceEvents | summarize count()"));
        Assert.Equal("Count:long", Columns("DeviceEvents | count"));
    }

    [Fact]
    public void Several_errors_are_all_reported()
    {
        var r = Analyze("DeviceProcessEvents | where FileNam == 'a' and Timestmp > ago(1d) | project DeviceNme");
        Assert.Equal(new[] { "FileNam", "Timestmp", "DeviceNme" }, r.Diagnostics.Select(d => r.Tree.Text.Substring(d.Start, d.Length)));
    }
}

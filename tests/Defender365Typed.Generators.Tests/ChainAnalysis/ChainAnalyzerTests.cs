using System.Linq;
using System.Threading.Tasks;
using Defender365Typed.Generators.ChainAnalysis;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Tests.ChainAnalysis;

/// <summary>
/// Each operator's column tracking: a reference to a column the operator removed, renamed or retyped fails to compile
/// (DTQ110/DTQ111, on the member name, naming the column and the operator), and the still-legal reference compiles.
/// </summary>
public sealed class ChainAnalyzerTests
{
    [Fact]
    public void Every_chain_rule_is_an_error_by_default()
    {
        var rules = new ChainAnalyzer().SupportedDiagnostics;
        Assert.Equal(["DTQ110", "DTQ111", "DTQ112", "DTQ113"], rules.Select(r => r.Id).Order(System.StringComparer.Ordinal));
        Assert.All(rules, r => Assert.Equal(DiagnosticSeverity.Error, r.DefaultSeverity));
    }

    [Fact]
    public Task ProjectAway_removes_the_column() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName, e.SHA1]).Where(e => e.{|DTQ110:FileName|} == "x" && e.FolderPath == "y");
        """,
        "'FileName' is not a column here: ProjectAway removed it");

    [Fact]
    public Task ProjectAway_keeps_the_other_columns() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName]).Where(e => e.FolderPath == "y").OrderBy(e => e.Timestamp).ThenBy(e => e.DeviceName).Take(5);
        """);

    [Fact]
    public Task Project_keeps_only_the_listed_columns() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.Project(e => [e.Timestamp, e.DeviceName]).Where(e => e.{|DTQ110:FileName|} == "x" && e.DeviceName == "d").Top(3, e => e.Timestamp);
        """,
        "'FileName' is not a column here: Project did not keep it");

    [Fact]
    public Task Project_with_an_alias_names_the_column_anew() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.Project(e => [e.Timestamp, e.FileName.As("Name")]).Where(e => e.{|DTQ110:FileName|} == "x" && e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)));
        """,
        "'FileName' is not a column here: Project did not keep it");

    [Fact]
    public Task ProjectRename_renames_the_column() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectRename("File", e => e.FileName, out KqlString file).Where(e => e.{|DTQ110:FileName|} == "x" || file == "y");
        """,
        "'FileName' is not a column here: ProjectRename renamed it to 'File'");

    [Fact]
    public Task ProjectRename_new_name_is_usable_through_its_variable() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectRename("Size", e => e.FileSize, out KqlLong size).Where(e => size > 3 && e.FileName == "x");
        """);

    [Fact]
    public Task ProjectRename_onto_a_freed_name_gives_it_the_renamed_columns_type() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectAway(e => [e.FileSize]).ProjectRename("FileSize", e => e.FileName, out KqlString size).Where(e => size == "x" && e.{|DTQ111:FileSize|} > 3);
        """,
        "'FileSize' is string here (ProjectRename gave the name to 'FileName'), but this accessor reads it as long");

    [Fact]
    public Task Distinct_keeps_only_the_listed_columns() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.Distinct(e => [e.DeviceName, e.FileName]).Where(e => e.FileName == "x" && e.{|DTQ110:FolderPath|} == "y");
        """,
        "'FolderPath' is not a column here: Distinct did not keep it");

    [Fact]
    public Task Extend_replacing_a_column_changes_its_type() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.Extend("Timestamp", e => e.FileName.ToLower(), out _).Where(e => e.{|DTQ111:Timestamp|} > Kql.Ago(TimeSpan.FromDays(1)));
        """,
        "'Timestamp' is string here (Extend replaced it with a string value), but this accessor reads it as datetime");

    [Fact]
    public Task Extend_adds_a_typed_column() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.Extend("Lower", e => e.FileName.ToLower(), out KqlString lower).Where(e => lower == "x" && e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)));
        """);

    [Fact]
    public Task Extend_column_removed_later_is_gone_from_its_variable() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.Extend("Lower", e => e.FileName.ToLower(), out KqlString lower).ProjectAway(e => [lower]).Where(e => {|DTQ110:lower|} == "x");
        """,
        "'Lower' is not a column here: ProjectAway removed it");

    [Fact]
    public Task Summarize_produces_only_its_result_columns() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents
            .Extend("Lower", e => e.FileName.ToLower(), out KqlString lower)
            .Summarize(DeviceCount.Shape, (e, r) => [r.Count.Assign(Kql.Count())], by: (e, r) => [r.DeviceName.Assign(e.DeviceName)])
            .Where(r => r.Count > 3 && {|DTQ110:lower|} == "x");
        """,
        "'Lower' is not a column here: Summarize into DeviceCount does not produce it");

    [Fact]
    public Task Summarize_reads_the_input_columns() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents
            .ProjectAway(e => [e.DeviceName])
            .Summarize(DeviceCount.Shape, (e, r) => [r.Count.Assign(Kql.Count())], by: (e, r) => [r.DeviceName.Assign(e.{|DTQ110:DeviceName|})]);
        """,
        "'DeviceName' is not a column here: ProjectAway removed it");

    [Fact]
    public Task SummarizeArgMax_keeps_every_column() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.SummarizeArgMax(e => e.Timestamp, by: e => [e.DeviceId]).Where(e => e.FileName == "x" && e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)));
        Hunting.DeviceFileEvents.SummarizeArgMin(e => e.Timestamp).Where(e => e.FileName == "x");
        """);

    [Fact]
    public Task SummarizeArgMin_keys_must_still_exist() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectAway(e => [e.DeviceId]).SummarizeArgMin(e => e.Timestamp, by: e => [e.{|DTQ110:DeviceId|}]);
        """,
        "'DeviceId' is not a column here: ProjectAway removed it");

    [Fact]
    public Task SummarizeArgMax_by_an_alias_adds_that_column_and_keeps_the_removed_one_removed() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectAway(e => [e.FolderPath]).SummarizeArgMax(e => e.Timestamp, by: e => [e.DeviceName.ToLower().As("Device")])
            .Where(e => e.{|DTQ110:FolderPath|} == "x" && e.FileName == "y");
        """,
        "'FolderPath' is not a column here: ProjectAway removed it");

    [Fact]
    public Task MvExpand_to_a_type_replacing_the_column_retypes_it() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.CloudAppEvents.MvExpand("ActivityObjects", e => e.ActivityObjects, out KqlString item).Where(e => item == "x" && e.{|DTQ111:ActivityObjects|}["Name"].AsString() == "y");
        """,
        "'ActivityObjects' is string here (MvExpand replaced it with a string value), but this accessor reads it as dynamic");

    [Fact]
    public Task MvExpand_under_a_new_name_keeps_the_column_and_adds_the_element() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.CloudAppEvents.MvExpand("Item", e => e.ActivityObjects, out KqlDynamic item).Where(e => item["Name"].AsString() == "x" && e.ActivityObjects["Name"].AsString() == "y");
        Hunting.CloudAppEvents.MvExpand(e => e.ActivityObjects, limit: 10).Where(e => e.ActivityObjects["Name"].AsString() == "y");
        """);

    [Fact]
    public Task Join_condition_sides_are_checked_against_their_own_columns() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectAway(e => [e.DeviceId])
            .Join(KqlJoinKind.Inner, Hunting.DeviceInfo.Project(d => [d.DeviceName]), (l, r) => l.{|DTQ110:DeviceId|} == r.{|DTQ110:DeviceId|});
        """,
        "'DeviceId' is not a column here: ProjectAway removed it",
        "'DeviceId' is not a column here: Project did not keep it");

    [Fact]
    public Task Join_output_names_the_right_side_as_KQL_does() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents
            .Join(KqlJoinKind.Inner, Hunting.DeviceInfo.Where(d => d.OSPlatform == "Windows10"), (l, r) => l.DeviceId == r.DeviceId)
            .Where(j => j.Right.DeviceId == j.Left.DeviceId && j.Right.DeviceName != "")
            .Project(ProcessOnDevice.Shape, (j, r) => [r.DeviceName.Assign(j.Left.DeviceName), r.FileName.Assign(j.Left.FileName), r.OSVersion.Assign(j.Right.OSVersion)]);
        """);

    [Fact]
    public Task Join_right_column_whose_left_namesake_was_removed_keeps_its_own_name() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectAway(e => [e.DeviceName])
            .Join(KqlJoinKind.LeftOuter, Hunting.DeviceInfo, (l, r) => l.DeviceId == r.DeviceId)
            .Where(j => j.Right.{|DTQ110:DeviceName|} == "x");
        """,
        "'DeviceName1' is not a column here: Join keeps the right side's 'DeviceName' under its own name, since the left side has no 'DeviceName' here");

    [Fact]
    public Task Join_right_side_removed_column_stays_removed() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents
            .Join(KqlJoinKind.Inner, Hunting.DeviceInfo.ProjectAway(d => [d.OSVersion]), (l, r) => l.DeviceId == r.DeviceId)
            .Project(ProcessOnDevice.Shape, (j, r) => [r.DeviceName.Assign(j.Left.DeviceName), r.FileName.Assign(j.Left.FileName), r.OSVersion.Assign(j.Right.{|DTQ110:OSVersion|})]);
        """,
        "'OSVersion' is not a column here: on the right side, ProjectAway removed it");

    [Fact]
    public Task Semi_and_anti_joins_keep_one_side() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.LeftSemiJoin(Hunting.DeviceInfo, (l, r) => l.DeviceId == r.DeviceId).Where(e => e.FileName == "x");
        Hunting.DeviceFileEvents.RightAntiJoin(Hunting.DeviceInfo.ProjectAway(d => [d.OSVersion]), (l, r) => l.DeviceId == r.DeviceId).Where(d => d.{|DTQ110:OSVersion|} == "x");
        """,
        "'OSVersion' is not a column here: ProjectAway removed it");

    [Fact]
    public Task Project_into_a_shape_needs_its_columns() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectAway(e => [e.DeviceName]).Project({|DTQ110:FileRow.Shape|});
        Hunting.DeviceFileEvents.Project(FileRow.Shape).Where(r => r.FileName == "x");
        """,
        "'DeviceName' is not a column here: ProjectAway removed it");

    [Fact]
    public Task Union_brings_the_other_legs_columns() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName]).Union(Hunting.DeviceFileEvents).Where(e => e.FileName == "x");
        Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName]).Union(Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName])).Where(e => e.{|DTQ110:FileName|} == "x");
        """,
        "'FileName' is not a column here: ProjectAway removed it");

    [Fact]
    public Task A_local_carries_its_chain() => ChainAnalyzerHarness.VerifyAsync(
        """
        var narrowed = Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName]);
        var filtered = narrowed.Where(e => e.FolderPath == "x");
        filtered.Where(e => e.{|DTQ110:FileName|} == "x");
        """,
        "'FileName' is not a column here: ProjectAway removed it");

    [Fact]
    public Task Unknown_provenance_is_not_judged() => ChainAnalyzerHarness.VerifyAsync(
        """
        given.Where(e => e.FileName == "x");
        var reassigned = Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName]);
        reassigned = Hunting.DeviceFileEvents;
        reassigned.Where(e => e.FileName == "x");
        Func<DeviceFileEvents.Columns, KqlExpr[]> list = e => [e.FileName];
        Hunting.DeviceFileEvents.Project(list).Where(e => e.FolderPath == "x");
        Hunting.DeviceFileEvents.Project(e => [e.FileName.ToLower()]).Where(e => e.FolderPath == "x");
        """);

    [Fact]
    public Task Nested_subquery_lambdas_are_checked_against_their_own_chain() => ChainAnalyzerHarness.VerifyAsync(
        """
        Hunting.DeviceFileEvents.ProjectAway(e => [e.SHA256])
            .Where(e => e.SHA1.In(Hunting.DeviceProcessEvents.Select(p => p.SHA1)) && e.FileName.In(Hunting.DeviceProcessEvents.ProjectAway(p => [p.FileName]).Select(p => p.{|DTQ110:FileName|})));
        """,
        "'FileName' is not a column here: ProjectAway removed it");
}

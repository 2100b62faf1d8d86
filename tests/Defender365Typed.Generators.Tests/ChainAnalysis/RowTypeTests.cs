using System.Threading.Tasks;

namespace Defender365Typed.Generators.Tests.ChainAnalysis;

/// <summary>
/// Running a typed query into its row type: every column property must be produced with a type it can hold
/// (DTQ112/DTQ113, the builder counterparts of DTQ107/DTQ108), reported on the called method's name.
/// </summary>
public sealed class RowTypeTests
{
    [Fact]
    public Task A_removed_column_cannot_fill_the_row() => ChainAnalyzerHarness.VerifyAsync(
        """
        Runner.{|DTQ112:RunAsync|}(Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName]));
        """,
        "'FileName' of DeviceFileEvents is not produced by the query: ProjectAway removed it");

    [Fact]
    public Task A_renamed_column_cannot_fill_the_row() => ChainAnalyzerHarness.VerifyAsync(
        """
        var query = Hunting.DeviceFileEvents.ProjectRename("File", e => e.FileName, out _);
        Runner.{|DTQ112:RunAsync|}(query);
        """,
        "'FileName' of DeviceFileEvents is not produced by the query: ProjectRename renamed it to 'File'");

    [Fact]
    public Task A_retyped_column_cannot_fill_the_row() => ChainAnalyzerHarness.VerifyAsync(
        """
        Runner.{|DTQ113:RunAsync|}(Hunting.DeviceFileEvents.Extend("Timestamp", e => e.FileName, out _));
        """,
        "'Timestamp' of DeviceFileEvents is datetime, but the query produces a string column (Extend replaced it with a string value)");

    [Fact]
    public Task A_join_row_is_not_a_shape_and_a_narrowed_projection_is_fine() => ChainAnalyzerHarness.VerifyAsync(
        """
        Runner.RunAsync(Hunting.DeviceFileEvents.Where(e => e.FileName == "x").Extend("Lower", e => e.FileName.ToLower(), out _).Take(10));
        Runner.RunAsync(Hunting.DeviceFileEvents.ProjectAway(e => [e.SHA1]).Project(FileRow.Shape));
        Runner.RunAsync(Hunting.DeviceFileEvents.Join(KqlJoinKind.Inner, Hunting.DeviceInfo, (l, r) => l.DeviceId == r.DeviceId));
        Runner.RunAsync(Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName]), text => new DeviceFileEvents());
        Runner.Print(Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName]));
        Hunting.DeviceFileEvents.ProjectAway(e => [e.FileName]).Recent();
        Runner.RunAsync(given.ProjectAway(e => [e.FileName]));
        """);
}

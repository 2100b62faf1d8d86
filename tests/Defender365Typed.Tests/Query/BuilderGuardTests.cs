using System;
using Defender365Typed.Tests.Golden;

namespace Defender365Typed.Tests.Query;

/// <summary>Mistakes the type system cannot catch are rejected with an <see cref="ArgumentException"/> that says what to fix.</summary>
public sealed class BuilderGuardTests
{
    [Fact]
    public void A_function_call_root_renders_escaped_arguments_and_rejects_bad_input()
    {
        string kql = UnknownPeer.Shape.Call("MyFunction", (KqlString)"a\"b", (KqlLong)5).Where(r => r.Connections > 3).ToKql();

        Assert.Equal("MyFunction(\"a\\\"b\", 5)\n| where Connections > 3", kql);
        Assert.Equal("NoArgs()", UnknownPeer.Shape.Call("NoArgs").ToKql());
        Assert.Equal("functionName", Assert.Throws<ArgumentException>(() => UnknownPeer.Shape.Call("")).ParamName);
        Assert.Equal("arguments", Assert.Throws<ArgumentException>(() => UnknownPeer.Shape.Call("F", default(KqlExpr))).ParamName);
    }

    [Fact]
    public void A_let_named_like_a_hunting_table_is_rejected_since_it_would_hide_the_table()
    {
        var filtered = Hunting.DeviceEvents.Where(e => e.ActionType == "AntivirusDetection");

        var error = Assert.Throws<ArgumentException>(() => filtered.AsLet("DeviceEvents"));

        Assert.Equal("name", error.ParamName);
        Assert.StartsWith("'DeviceEvents' is the name of a Defender hunting table", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("let deviceEvents = DeviceEvents", filtered.AsLet("deviceEvents").Take(1).ToKql(), StringComparison.Ordinal); // names are case-sensitive
    }

    [Fact]
    public void Summarize_missing_a_result_column_is_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceNetworkEvents
            .Summarize(UnknownPeer.Shape, (e, r) => [r.Connections.Assign(Kql.Count())]));
        Assert.Contains("'RemoteIP'", error.Message, StringComparison.Ordinal);
        Assert.Contains("assign every column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_assigning_a_column_twice_is_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceNetworkEvents
            .Summarize(
                UnknownPeer.Shape,
                (e, r) => [r.Connections.Assign(Kql.Count()), r.RemoteIP.Assign(Kql.TakeAny(e.RemoteIP))],
                by: (e, r) => [r.RemoteIP.Assign(e.RemoteIP)]));
        Assert.Contains("'summarize' assigns the column 'RemoteIP' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_to_a_shape_missing_a_column_is_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents
            .Project(SuspiciousCommand.Shape, (e, r) =>
            [
                r.Timestamp.Assign(e.Timestamp),
                r.Device.Assign(e.DeviceName),
                r.Command.Assign(e.ProcessCommandLine),
            ]));
        Assert.Contains("'project' does not produce the result column(s) 'Account', 'Parent'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_to_a_shape_assigning_a_column_twice_is_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceNetworkEvents
            .Project(UnknownPeer.Shape, (e, r) =>
            [
                r.RemoteIP.Assign(e.RemoteIP),
                r.RemoteIP.Assign(e.LocalIP),
                r.Connections.Assign(e.RemotePort),
            ]));
        Assert.Contains("'project' assigns the column 'RemoteIP' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_to_a_shape_with_a_column_of_another_shape_is_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceNetworkEvents
            .Project(UnknownPeer.Shape, (e, r) =>
            [
                r.RemoteIP.Assign(e.RemoteIP),
                r.Connections.Assign(e.RemotePort),
                DeviceEventCount.Shape.DefaultColumns.DeviceId.Assign(e.DeviceId),
            ]));
        Assert.Contains("'DeviceId' that the result shape does not have", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_condition_comparing_a_column_with_a_literal_is_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents
            .Join(KqlJoinKind.Inner, Hunting.DeviceNetworkEvents, (l, r) => l.DeviceId == "abc"));
        Assert.Contains("must compare a left column with a right column using ==", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_condition_that_is_not_an_equality_is_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents
            .LeftSemiJoin(Hunting.DeviceNetworkEvents, (l, r) => l.Timestamp < r.Timestamp));
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents
            .Join(KqlJoinKind.Inner, Hunting.DeviceNetworkEvents, (l, r) => l.DeviceId == r.DeviceId | l.DeviceName == r.DeviceName));
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents
            .RightAntiJoin(Hunting.DeviceNetworkEvents, (l, r) => l.DeviceId == l.DeviceName));
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents
            .Join(KqlJoinKind.LeftOuter, Hunting.DeviceNetworkEvents, (l, r) => l.DeviceId.ToLower() == r.DeviceId));
    }

    [Fact]
    public void Empty_in_lists_are_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents.Where(e => e.FileName.In()));
        Assert.Contains("'in' needs at least one value", error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents.Where(e => e.FileName.NotInIgnoreCase()));
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents.Where(e => e.ProcessId.In()));
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceNetworkEvents.Where(e => e.RemotePort.NotIn()));
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DataSecurityEvents.Where(e => e.ActivityId.In()));
    }

    [Fact]
    public void Empty_has_any_and_has_all_are_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents.Where(e => e.ProcessCommandLine.HasAny()));
        Assert.Contains("'has_any' needs at least one value", error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents.Where(e => e.ProcessCommandLine.HasAll()));
    }

    [Fact]
    public void A_default_initialized_scalar_is_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents.Where(e => e.FileName == default(KqlString)));
        Assert.Contains("KqlString is default-initialized", error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents.Where(e => default(KqlBool)));
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents.Project(e => [e.FileName, default(KqlLong)]));
        Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents.Where(e => e.Timestamp > Kql.Ago(default)));
    }

    [Fact]
    public void A_default_initialized_list_item_or_assignment_is_rejected()
    {
        var list = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceProcessEvents.Project(e => [e.FileName, default(KqlExpr)]));
        Assert.Contains("default-initialized value", list.Message, StringComparison.Ordinal);
        var assignment = Assert.ThrowsAny<ArgumentException>(() => Hunting.DeviceNetworkEvents
            .Summarize(UnknownPeer.Shape, (e, r) => [r.Connections.Assign(Kql.Count()), default], by: (e, r) => [r.RemoteIP.Assign(e.RemoteIP)]));
        Assert.Contains("default-initialized assignment", assignment.Message, StringComparison.Ordinal);
    }
}

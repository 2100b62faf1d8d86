using System;

namespace Defender365Typed.Tests.Golden;

/// <summary>Golden queries about <c>let</c>-bound queries, <c>in (subquery)</c> and <c>union</c>.</summary>
public sealed class LetAndUnionTests : GoldenQueryTests
{
    [Fact]
    public void Processes_started_from_alerted_files() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.SHA1.In(
                Hunting.AlertEvidence
                    .Where(v => v.Timestamp > Kql.Ago(TimeSpan.FromDays(7)) & v.EntityType == "File" & v.SHA1.IsNotEmpty())
                    .AsLet("AlertedFiles")
                    .Select(v => v.SHA1)))
            .Project(e => [e.Timestamp, e.DeviceName, e.FileName, e.SHA1, e.ProcessCommandLine]));

    [Fact]
    public void Logons_on_devices_with_recent_alerts() => Approve(
        Hunting.DeviceLogonEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Where(e => e.DeviceId.In(Hunting.AlertEvidence.Where(v => v.EntityType == "Machine" & v.Timestamp > Kql.Ago(TimeSpan.FromDays(1))).Select(v => v.DeviceId)))
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountName, e.LogonType, e.RemoteIP]));

    [Fact]
    public void Cloud_activity_by_accounts_unknown_to_identity_info() => Approve(
        Hunting.CloudAppEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.IsAdminOperation)
            .Where(e => e.AccountObjectId.NotIn(Hunting.IdentityInfo.Where(i => i.IsAccountEnabled).Select(i => i.AccountObjectId)))
            .Project(e => [e.Timestamp, e.AccountObjectId, e.AccountDisplayName, e.ActionType, e.Application]));

    [Fact]
    public void Network_activity_of_processes_that_ran_encoded_commands() => Approve(
        Hunting.DeviceNetworkEvents
            .Where(e => e.InitiatingProcessId.In(
                Hunting.DeviceProcessEvents.Where(p => p.ProcessCommandLine.Has("-EncodedCommand")).Select(p => p.ProcessId)))
            .Where(e => e.RemoteIPType == "Public")
            .Project(e => [e.Timestamp, e.DeviceName, e.InitiatingProcessId, e.RemoteIP, e.RemoteUrl]));

    [Fact]
    public void Discovery_commands_as_one_union() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.FileName.EqualsIgnoreCase("whoami.exe") & e.ProcessCommandLine.Has("/all"))
            .Union(
                Hunting.DeviceProcessEvents.Where(e => e.FileName.EqualsIgnoreCase("net.exe") & e.ProcessCommandLine.HasAny("group", "localgroup")),
                Hunting.DeviceProcessEvents.Where(e => e.FileName.EqualsIgnoreCase("nltest.exe") & e.ProcessCommandLine.Has("domain_trusts")))
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountName, e.ProcessCommandLine]));

    [Fact]
    public void Union_of_let_bound_detections() => Approve(
        Hunting.DeviceRegistryEvents
            .Where(e => e.RegistryKey.Contains(@"\Image File Execution Options\") & e.RegistryValueName == "Debugger")
            .AsLet("IfeoDebuggers")
            .Union(
                Hunting.DeviceRegistryEvents
                    .Where(e => e.RegistryKey.EndsWith(@"\Control\Lsa") & e.RegistryValueName.In("Security Packages", "Notification Packages"))
                    .AsLet("LsaPackages"))
            .Project(e => [e.Timestamp, e.DeviceName, e.RegistryKey, e.RegistryValueName, e.RegistryValueData]));

    [Fact]
    public void Let_used_by_a_join_and_a_subquery()
    {
        var proxies = Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromHours(2)) & e.FileName.InIgnoreCase("rundll32.exe", "regsvr32.exe", "mshta.exe"))
            .AsLet("Proxies");
        Approve(
            proxies
                .Join(
                    KqlJoinKind.Inner,
                    Hunting.DeviceNetworkEvents.Where(n => n.DeviceId.In(proxies.Select(p => p.DeviceId)) & n.RemoteIPType == "Public"),
                    (p, n) => p.DeviceId == n.DeviceId & p.ProcessId == n.InitiatingProcessId)
                .Project(j => [j.Left.Timestamp, j.Left.DeviceName, j.Left.ProcessCommandLine, j.Right.RemoteUrl, j.Right.RemoteIP]));
    }

    [Fact]
    public void Let_built_on_another_let() => Approve(
        Hunting.DeviceNetworkEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)) & e.RemoteIPType == "Public")
            .AsLet("PublicConnections")
            .Summarize(DeviceEventCount.Shape, (e, r) => [r.Events.Assign(Kql.Count())], by: (e, r) => [r.DeviceId.Assign(e.DeviceId)])
            .AsLet("PerDevice")
            .Where(r => r.Events > 10_000)
            .Join(
                KqlJoinKind.Inner,
                Hunting.DeviceInfo.SummarizeArgMax(d => d.Timestamp, by: d => [d.DeviceId]),
                (counts, device) => counts.DeviceId == device.DeviceId)
            .Project(j => [j.Left.DeviceId, j.Left.Events, j.Right.DeviceName, j.Right.OSPlatform]));

    [Fact]
    public void Mail_senders_also_seen_in_clicks() => Approve(
        Hunting.EmailEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Where(e => e.NetworkMessageId.In(
                Hunting.UrlClickEvents
                    .Where(c => c.IsClickedThrough)
                    .Summarize(ClickedMessage.Shape, (c, r) => [r.Clicks.Assign(Kql.Count())], by: (c, r) => [r.NetworkMessageId.Assign(c.NetworkMessageId)])
                    .Where(r => r.Clicks > 1)
                    .Select(r => r.NetworkMessageId)))
            .Project(e => [e.Timestamp, e.SenderFromAddress, e.RecipientEmailAddress, e.Subject]));
}

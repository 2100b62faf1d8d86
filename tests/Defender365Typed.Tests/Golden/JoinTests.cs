using System;

namespace Defender365Typed.Tests.Golden;

/// <summary>Golden queries about every join kind.</summary>
public sealed class JoinTests : GoldenQueryTests
{
    [Fact]
    public void Inner_phishing_mail_that_was_clicked() => Approve(
        Hunting.EmailEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)) & e.ThreatTypes.Has("Phish"))
            .Join(
                KqlJoinKind.Inner,
                Hunting.UrlClickEvents.Where(c => c.ActionType == "ClickAllowed" | c.IsClickedThrough),
                (mail, click) => mail.NetworkMessageId == click.NetworkMessageId)
            .Where(j => j.Right.Timestamp - j.Left.Timestamp < TimeSpan.FromHours(1))
            .Project(PhishClick.Shape, (j, r) =>
            [
                r.Delivered.Assign(j.Left.Timestamp),
                r.Clicked.Assign(j.Right.Timestamp),
                r.Recipient.Assign(j.Left.RecipientEmailAddress),
                r.Subject.Assign(j.Left.Subject),
                r.Url.Assign(j.Right.Url),
                r.ClickAction.Assign(j.Right.ActionType),
            ])
            .OrderByDescending(r => r.Clicked));

    [Fact]
    public void Innerunique_alerts_with_process_evidence() => Approve(
        Hunting.AlertInfo
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.Severity == "High")
            .Join(
                KqlJoinKind.InnerUnique,
                Hunting.AlertEvidence.Where(v => v.EntityType == "Process" & v.EvidenceRole == "Impacted"),
                (alert, evidence) => alert.AlertId == evidence.AlertId)
            .Project(j =>
            [
                j.Left.Timestamp,
                j.Left.Title,
                j.Left.Category,
                j.Right.DeviceName,
                j.Right.FileName,
                j.Right.ProcessCommandLine,
                j.Right.Title.As("EvidenceTitle"),
            ]));

    [Fact]
    public void Leftouter_processes_enriched_with_their_connections() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromHours(1)) & e.FileName.InIgnoreCase("powershell.exe", "pwsh.exe"))
            .Join(
                KqlJoinKind.LeftOuter,
                Hunting.DeviceNetworkEvents.Where(n => n.Timestamp > Kql.Ago(TimeSpan.FromHours(1)) & n.RemoteIPType == "Public"),
                (p, n) => p.DeviceId == n.DeviceId & p.ProcessId == n.InitiatingProcessId)
            .Project(ProcessWithConnection.Shape, (j, r) =>
            [
                r.Timestamp.Assign(j.Left.Timestamp),
                r.DeviceName.Assign(j.Left.DeviceName),
                r.ProcessCommandLine.Assign(j.Left.ProcessCommandLine),
                r.RemoteUrl.Assign(j.Right.RemoteUrl),
                r.RemoteIP.Assign(j.Right.RemoteIP),
                r.Connected.Assign(j.Right.RemoteIP.IsNotEmpty()),
            ]));

    [Fact]
    public void Rightouter_logons_on_devices_missing_from_inventory() => Approve(
        Hunting.DeviceInfo
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .SummarizeArgMax(e => e.Timestamp, by: e => [e.DeviceId])
            .Join(
                KqlJoinKind.RightOuter,
                Hunting.DeviceLogonEvents.Where(l => l.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & l.ActionType == "LogonSuccess"),
                (device, logon) => device.DeviceId == logon.DeviceId)
            .Where(j => j.Left.DeviceId.IsEmpty())
            .Project(j => [j.Right.Timestamp, j.Right.DeviceId, j.Right.DeviceName, j.Right.AccountName, j.Right.RemoteIP]));

    [Fact]
    public void Fullouter_mail_and_attachment_reconciliation() => Approve(
        Hunting.EmailEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromHours(4)) & e.AttachmentCount > 0)
            .Join(
                KqlJoinKind.FullOuter,
                Hunting.EmailAttachmentInfo.Where(a => a.Timestamp > Kql.Ago(TimeSpan.FromHours(4))),
                (mail, attachment) => mail.NetworkMessageId == attachment.NetworkMessageId & mail.RecipientEmailAddress == attachment.RecipientEmailAddress)
            .Where(j => j.Left.NetworkMessageId.IsEmpty() | j.Right.NetworkMessageId.IsEmpty())
            .Project(j =>
            [
                Kql.Coalesce(j.Left.NetworkMessageId, j.Right.NetworkMessageId).As("MessageId"),
                j.Left.Subject,
                j.Right.FileName,
                j.Right.SHA256,
            ]));

    [Fact]
    public void Leftsemi_processes_on_devices_with_alerts() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.ProcessIntegrityLevel == "System")
            .LeftSemiJoin(
                Hunting.AlertEvidence.Where(v => v.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & v.EntityType == "Machine"),
                (p, v) => p.DeviceId == v.DeviceId)
            .Project(e => [e.Timestamp, e.DeviceName, e.FileName, e.ProcessCommandLine]));

    [Fact]
    public void Leftanti_smb_to_public_ips_that_are_not_our_egress() => Approve(
        Hunting.DeviceNetworkEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromHours(6)) & e.RemoteIPType == "Public" & e.RemotePort.In(139, 445))
            .LeftAntiJoin(
                Hunting.DeviceInfo.Where(d => d.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & d.PublicIP.IsNotEmpty()),
                (connection, device) => connection.RemoteIP == device.PublicIP)
            .Summarize(UnknownPeer.Shape, (e, r) => [r.Connections.Assign(Kql.Count())], by: (e, r) => [r.RemoteIP.Assign(e.RemoteIP)]));

    [Fact]
    public void Rightsemi_clicks_on_urls_that_arrived_by_mail() => Approve(
        Hunting.EmailUrlInfo
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(2)) & e.UrlLocation == "Body")
            .RightSemiJoin(
                Hunting.UrlClickEvents.Where(c => c.Timestamp > Kql.Ago(TimeSpan.FromDays(2))),
                (mail, click) => mail.Url == click.Url)
            .Where(c => c.IsClickedThrough)
            .Project(c => [c.Timestamp, c.AccountUpn, c.Url, c.IPAddress]));

    [Fact]
    public void Rightanti_devices_without_alert_evidence() => Approve(
        Hunting.AlertEvidence
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(30)) & e.DeviceId.IsNotEmpty())
            .RightAntiJoin(
                Hunting.DeviceInfo.Where(d => d.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & d.IsInternetFacing),
                (evidence, device) => evidence.DeviceId == device.DeviceId)
            .Distinct(d => [d.DeviceId, d.DeviceName, d.PublicIP]));

    [Fact]
    public void Inner_join_renames_clashing_right_columns() => Approve(
        Hunting.DeviceFileEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.FileOriginUrl.IsNotEmpty())
            .Join(
                KqlJoinKind.Inner,
                Hunting.DeviceProcessEvents.Where(p => p.Timestamp > Kql.Ago(TimeSpan.FromDays(1))),
                (file, process) => file.DeviceId == process.DeviceId & file.SHA1 == process.SHA1)
            .Where(j => j.Right.Timestamp > j.Left.Timestamp & j.Right.FileName == j.Left.FileName)
            .Project(j =>
            [
                j.Left.Timestamp,
                j.Right.Timestamp.As("Executed"),
                j.Left.DeviceName,
                j.Left.FileOriginUrl,
                j.Right.FileName,
                j.Right.ProcessCommandLine,
                j.Right.SHA1,
            ]));

    [Fact]
    public void Attachments_later_written_to_disk() => Approve(
        Hunting.EmailAttachmentInfo
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)) & e.ThreatTypes.IsNotEmpty())
            .Join(
                KqlJoinKind.Inner,
                Hunting.DeviceFileEvents.Where(f => f.ActionType == "FileCreated"),
                (attachment, file) => attachment.SHA256 == file.SHA256)
            .Summarize(AttachmentOnDisk.Shape, (j, r) =>
            [
                r.Devices.Assign(Kql.DCount(j.Right.DeviceId)),
                r.FirstWritten.Assign(Kql.Min(j.Right.Timestamp)),
                r.Paths.Assign(Kql.MakeSet(j.Right.FolderPath, 20)),
            ],
            by: (j, r) => [r.SHA256.Assign(j.Left.SHA256), r.FileName.Assign(j.Left.FileName)]));
}

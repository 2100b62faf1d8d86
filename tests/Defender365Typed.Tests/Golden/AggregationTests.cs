using System;

namespace Defender365Typed.Tests.Golden;

/// <summary>Golden queries about <c>summarize</c> into result shapes and the aggregation functions.</summary>
public sealed class AggregationTests : GoldenQueryTests
{
    [Fact]
    public void Rdp_brute_force_followed_by_success() => Approve(
        Hunting.DeviceLogonEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Where(e => e.LogonType.In("RemoteInteractive", "Network") & e.RemoteIPType == "Public")
            .Where(e => e.ActionType.In("LogonFailed", "LogonSuccess"))
            .Summarize(RdpBruteForce.Shape, (e, r) =>
            [
                r.Failures.Assign(Kql.CountIf(e.ActionType == "LogonFailed")),
                r.Successes.Assign(Kql.CountIf(e.ActionType == "LogonSuccess")),
                r.Accounts.Assign(Kql.DCount(e.AccountName)),
                r.FirstAttempt.Assign(Kql.Min(e.Timestamp)),
                r.LastAttempt.Assign(Kql.Max(e.Timestamp)),
            ],
            by: (e, r) =>
            [
                r.DeviceName.Assign(e.DeviceName),
                r.RemoteIP.Assign(e.RemoteIP),
                r.Hour.Assign(Kql.Bin(e.Timestamp, TimeSpan.FromHours(1))),
            ])
            .Where(r => r.Failures >= 20 & r.Successes > 0)
            .Where(r => r.LastAttempt - r.FirstAttempt < TimeSpan.FromMinutes(30))
            .OrderByDescending(r => r.Failures));

    [Fact]
    public void Rare_outbound_destinations() => Approve(
        Hunting.DeviceNetworkEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(30)))
            .Where(e => e.RemoteIPType == "Public" & e.RemoteUrl.IsNotEmpty() & e.ActionType == "ConnectionSuccess")
            .Summarize(RareDestination.Shape, (e, r) =>
            [
                r.Devices.Assign(Kql.DCount(e.DeviceId)),
                r.Connections.Assign(Kql.Count()),
                r.FirstSeen.Assign(Kql.Min(e.Timestamp)),
                r.LastSeen.Assign(Kql.Max(e.Timestamp)),
                r.Processes.Assign(Kql.MakeSet(e.InitiatingProcessFileName, 10)),
            ],
            by: (e, r) => [r.RemoteUrl.Assign(e.RemoteUrl)])
            .Where(r => r.Devices <= 2 & r.FirstSeen > Kql.Ago(TimeSpan.FromDays(1)) | r.FirstSeen == r.LastSeen)
            .Top(100, r => r.Connections));

    [Fact]
    public void Attachment_volume_per_recipient() => Approve(
        Hunting.EmailAttachmentInfo
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.FileType.InIgnoreCase("zip", "iso", "img", "html", "lnk"))
            .Summarize(AttachmentVolume.Shape, (e, r) =>
            [
                r.Attachments.Assign(Kql.Count()),
                r.TotalBytes.Assign(Kql.Sum(e.FileSize)),
                r.AverageBytes.Assign(Kql.Avg(e.FileSize)),
                r.Largest.Assign(Kql.Max(e.FileSize)),
                r.Smallest.Assign(Kql.Min(e.FileSize)),
                r.Sender.Assign(Kql.TakeAny(e.SenderFromAddress)),
                r.FileNames.Assign(Kql.MakeList(e.FileName, 50)),
                r.FileTypes.Assign(Kql.MakeSet(e.FileType)),
            ],
            by: (e, r) => [r.RecipientEmailAddress.Assign(e.RecipientEmailAddress)])
            .Where(r => r.Attachments > 5 | r.AverageBytes > 5_000_000.0 | r.TotalBytes > r.Attachments * 1_000_000)
            .OrderByDescending(r => r.TotalBytes));

    [Fact]
    public void Bulk_mail_volume_per_sender_domain() => Approve(
        Hunting.EmailEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.EmailDirection == "Inbound")
            .Summarize(SenderVolume.Shape, (e, r) =>
            [
                r.Messages.Assign(Kql.Count()),
                r.Attachments.Assign(Kql.Sum(e.AttachmentCount)),
                r.Urls.Assign(Kql.Sum(e.UrlCount)),
                r.AverageBulk.Assign(Kql.Avg(e.BulkComplaintLevel)),
                r.Recipients.Assign(Kql.DCount(e.RecipientEmailAddress)),
            ],
            by: (e, r) =>
            [
                r.SenderFromDomain.Assign(e.SenderFromDomain),
                r.BulkBand.Assign(e.BulkComplaintLevel.Bin(3)),
            ])
            .Where(r => r.Messages > 100 & r.AverageBulk.Between(4.0, 7.0) & r.Recipients * 2 > r.Messages)
            .Top(20, r => r.Messages));

    [Fact]
    public void File_size_histogram() => Approve(
        Hunting.DeviceFileEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.FolderPath.StartsWith(@"\\"))
            .Summarize(SizeBucket.Shape, (e, r) =>
            [
                r.Files.Assign(Kql.Count()),
                r.Bytes.Assign(Kql.Sum(e.FileSize.AsReal())),
            ],
            by: (e, r) =>
            [
                r.Bucket.Assign(Kql.Bin(e.FileSize, 10_485_760.0)),
                r.Hour.Assign(e.Timestamp.Bin(TimeSpan.FromHours(1))),
            ])
            .OrderBy(r => r.Hour)
            .ThenBy(r => r.Bucket));

    [Fact]
    public void Network_totals_without_grouping() => Approve(
        Hunting.DeviceNetworkEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromHours(1)))
            .Summarize(NetworkTotals.Shape, (e, r) =>
            [
                r.Connections.Assign(Kql.Count()),
                r.Devices.Assign(Kql.DCount(e.DeviceId)),
                r.Destinations.Assign(Kql.DCount(e.RemoteIP)),
                r.Ports.Assign(Kql.DCount(e.RemotePort)),
            ]));

    [Fact]
    public void Weighted_alert_score_per_detection_source() => Approve(
        Hunting.AlertInfo
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Extend("Weight", e => Kql.Iff<KqlDecimal>(e.Severity == "High", 3.5m, Kql.Iff<KqlDecimal>(e.Severity == "Medium", 1.25m, 0.5m)), out KqlDecimal weight)
            .Summarize(DetectionScore.Shape, (e, r) =>
            [
                r.Score.Assign(Kql.Sum(weight)),
                r.Alerts.Assign(Kql.Count()),
                r.Highest.Assign(Kql.Max(weight)),
            ],
            by: (e, r) => [r.DetectionSource.Assign(e.DetectionSource)])
            .Where(r => r.Score > 10m & r.Score.NotBetween(100m, 200m) & r.Highest.In(3.5m, 1.25m) & r.Highest.NotIn(0m))
            .Extend("Percent", r => r.Score * 100m / 250m, out KqlDecimal percent)
            .Where(r => percent - r.Highest >= 1.5m | r.Highest.Between(0m, 1m) | percent % 2m == -r.Highest + 0.25m)
            .OrderByDescending(r => r.Score));

    [Fact]
    public void Identity_session_durations() => Approve(
        Hunting.IdentityLogonEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.ActionType == "LogonSuccess")
            .Summarize(IdentitySession.Shape, (e, r) =>
            [
                r.First.Assign(Kql.Min(e.Timestamp)),
                r.Last.Assign(Kql.Max(e.Timestamp)),
                r.Logons.Assign(Kql.Count()),
            ],
            by: (e, r) => [r.AccountUpn.Assign(e.AccountUpn), r.IPAddress.Assign(e.IPAddress)])
            .Extend("Duration", r => r.Last - r.First, out KqlTimeSpan duration)
            .Where(r => duration.Between(TimeSpan.FromHours(1), TimeSpan.FromHours(12)) & duration / TimeSpan.FromMinutes(1) > 90.0)
            .Extend("Padded", r => duration * 1.5 + TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(30), out KqlTimeSpan padded)
            .Where(r => padded != TimeSpan.Zero & padded <= TimeSpan.FromDays(1) & padded > TimeSpan.FromMilliseconds(1500))
            .Where(r => r.First != r.Last & r.First >= r.Last + TimeSpan.FromHours(-24) & duration != padded & duration < padded & duration >= TimeSpan.FromTicks(15)));

    [Fact]
    public void Mass_download_by_one_account() => Approve(
        Hunting.CloudAppEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.ActionType.In("FileDownloaded", "FileSyncDownloadedFull"))
            .Summarize(MassDownload.Shape, (e, r) =>
            [
                r.Downloads.Assign(Kql.Count()),
                r.Files.Assign(Kql.DCount(e.ObjectName)),
                r.FromUnmanaged.Assign(Kql.CountIf(e.DeviceType.IsEmpty() | e.IsAnonymousProxy)),
                r.Ips.Assign(Kql.MakeSet(e.IPAddress)),
                r.Application.Assign(Kql.TakeAny(e.Application)),
            ],
            by: (e, r) =>
            [
                r.AccountObjectId.Assign(e.AccountObjectId),
                r.Window.Assign(Kql.Bin(e.Timestamp, TimeSpan.FromMinutes(15))),
            ])
            .Where(r => r.Files > 200 & r.Ips.ArrayLength() > 1));
}

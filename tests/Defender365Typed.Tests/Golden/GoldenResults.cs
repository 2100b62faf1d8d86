using System;
using System.Text.Json;

namespace Defender365Typed.Tests.Golden;

// Result shapes of the golden queries; the generator adds Shape and Columns to each.

[HuntingResult]
public sealed partial record ProcessConnection(DateTime Timestamp, string DeviceName, string Process, string RemoteUrl);

[HuntingResult]
public sealed partial record SuspiciousCommand(DateTime Timestamp, string Device, string Account, string Command, string Parent);

[HuntingResult]
public sealed partial record RdpBruteForce(
    string DeviceName, string RemoteIP, DateTime Hour, long Failures, long Successes, long Accounts, DateTime FirstAttempt, DateTime LastAttempt);

[HuntingResult]
public sealed partial record RareDestination(string RemoteUrl, long Devices, long Connections, DateTime FirstSeen, DateTime LastSeen, JsonElement Processes);

[HuntingResult]
public sealed partial record AttachmentVolume(
    string RecipientEmailAddress,
    long Attachments,
    long TotalBytes,
    double AverageBytes,
    long Largest,
    long Smallest,
    string Sender,
    JsonElement FileNames,
    JsonElement FileTypes);

[HuntingResult]
public sealed partial record SizeBucket(double Bucket, DateTime Hour, long Files, double Bytes);

[HuntingResult]
public sealed partial record NetworkTotals(long Connections, long Devices, long Destinations, long Ports);

[HuntingResult]
public sealed partial record DetectionScore(string DetectionSource, decimal Score, long Alerts, decimal Highest);

[HuntingResult]
public sealed partial record IdentitySession(string AccountUpn, string IPAddress, DateTime First, DateTime Last, long Logons);

[HuntingResult]
public sealed partial record MassDownload(
    string AccountObjectId, DateTime Window, long Downloads, long Files, long FromUnmanaged, JsonElement Ips, string Application);

[HuntingResult]
public sealed partial record PhishClick(DateTime Delivered, DateTime Clicked, string Recipient, string Subject, string Url, string ClickAction);

[HuntingResult]
public sealed partial record ProcessWithConnection(
    DateTime Timestamp, string DeviceName, string ProcessCommandLine, string RemoteUrl, string RemoteIP, bool Connected);

[HuntingResult]
public sealed partial record UnknownPeer(string RemoteIP, long Connections);

[HuntingResult]
public sealed partial record AttachmentOnDisk(string SHA256, string FileName, long Devices, DateTime FirstWritten, JsonElement Paths);

[HuntingResult]
public sealed partial record DeviceEventCount(string DeviceId, long Events);

[HuntingResult]
public sealed partial record ClickedMessage(string NetworkMessageId, long Clicks);

[HuntingResult]
public sealed partial record SenderVolume(
    string SenderFromDomain, double BulkBand, long Messages, long Attachments, long Urls, double AverageBulk, long Recipients);

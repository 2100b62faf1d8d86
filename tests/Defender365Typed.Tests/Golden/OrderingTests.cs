using System;

namespace Defender365Typed.Tests.Golden;

/// <summary>Golden queries about sorting, <c>top</c>, <c>take</c>/<c>limit</c>, <c>count</c> and <c>arg_max</c>/<c>arg_min</c>.</summary>
public sealed class OrderingTests : GoldenQueryTests
{
    [Fact]
    public void Device_inventory_sorted_by_platform_and_build() => Approve(
        Hunting.DeviceInfo
            .SummarizeArgMax(e => e.Timestamp, by: e => [e.DeviceId])
            .Where(e => e.IsExcluded == false & e.SensorHealthState != "Inactive")
            .Project(e => [e.DeviceName, e.OSPlatform, e.OSBuild, e.OSVersion, e.ExposureLevel, e.IsInternetFacing])
            .OrderBy(e => e.OSPlatform)
            .ThenByDescending(e => e.OSBuild)
            .ThenBy(e => e.DeviceName));

    [Fact]
    public void Oldest_windows_builds() => Approve(
        Hunting.DeviceInfo
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)) & e.OSPlatform.StartsWith("Windows"))
            .SummarizeArgMax(e => e.Timestamp, by: e => [e.DeviceId, e.DeviceName])
            .Top(10, e => e.OSBuild, descending: false));

    [Fact]
    public void Most_recent_alert_per_title() => Approve(
        Hunting.AlertInfo
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(30)) & e.Severity.In("High", "Medium"))
            .SummarizeArgMax(e => e.Timestamp, by: e => [e.Title])
            .OrderByDescending(e => e.Timestamp)
            .ThenBy(e => e.Severity)
            .Take(25));

    [Fact]
    public void First_seen_logon_per_account_and_device() => Approve(
        Hunting.DeviceLogonEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(30)) & e.ActionType == "LogonSuccess")
            .SummarizeArgMin(e => e.Timestamp, by: e => [e.AccountSid, e.DeviceId])
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountDomain, e.AccountName, e.LogonType, e.RemoteIP]));

    [Fact]
    public void Earliest_event_of_the_whole_table() => Approve(
        Hunting.DeviceEvents
            .Where(e => e.ActionType == "AntivirusDetection")
            .SummarizeArgMin(e => e.Timestamp));

    [Fact]
    public void Count_of_phishing_mail_today() => Approve(
        Hunting.EmailEvents
            .Where(e => e.Timestamp > Kql.Now().StartOfDay() & e.ThreatTypes.Has("Phish"))
            .Count()
            .Where(r => r.Count > 0));

    [Fact]
    public void Sample_of_recent_vulnerable_software() => Approve(
        Hunting.DeviceTvmSoftwareVulnerabilities
            .Where(e => e.VulnerabilitySeverityLevel.In("Critical", "High") & e.CveId.StartsWith("CVE-2024-"))
            .OrderBy(e => e.SoftwareVendor)
            .ThenBy(e => e.SoftwareName)
            .ThenByDescending(e => e.CveId)
            .Limit(1000));
}

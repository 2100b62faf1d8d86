using System;

namespace Defender365Typed.Tests.Golden;

/// <summary>Golden queries about <c>where</c> with datetime, number, bool and guid operators.</summary>
public sealed class ScalarFilterTests : GoldenQueryTests
{
    private static readonly DateTime IncidentStart = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Remote_logons_inside_the_incident_window() => Approve(
        Hunting.DeviceLogonEvents
            .Where(e => e.Timestamp.Between(IncidentStart, new DateTimeOffset(2024, 3, 1, 20, 30, 0, TimeSpan.Zero)))
            .Where(e => e.ActionType == "LogonSuccess" & e.LogonType.In("RemoteInteractive", "Network"))
            .Where(e => e.RemoteIPType == "Public" & e.RemotePort.IsNotNull())
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountDomain, e.AccountName, e.RemoteIP, e.LogonType]));

    [Fact]
    public void Off_hours_interactive_logons() => Approve(
        Hunting.DeviceLogonEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(30)))
            .Where(e => e.LogonType.In("Interactive", "RemoteInteractive") & e.ActionType == "LogonSuccess")
            .Where(e => e.Timestamp.HourOfDay().NotBetween(7, 19)
                | e.Timestamp.DayOfWeek() == TimeSpan.Zero
                | e.Timestamp.DayOfWeek() == TimeSpan.FromDays(6))
            .Where(e => e.Timestamp.NotBetween(Kql.Now() - TimeSpan.FromHours(2), Kql.Now()))
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountName, e.LogonType, e.IsLocalAdmin]));

    [Fact]
    public void Processes_created_at_reported_instants() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.ProcessCreationTime.In(
                new DateTime(2024, 5, 17, 13, 2, 45, 123, DateTimeKind.Utc).AddTicks(4567),
                new DateTime(2024, 5, 17, 13, 5, 0, DateTimeKind.Utc)))
            .Where(e => e.Timestamp >= IncidentStart & e.Timestamp < IncidentStart + TimeSpan.FromDays(90))
            .Where(e => e.ProcessCreationTime - e.InitiatingProcessCreationTime < TimeSpan.FromSeconds(5))
            .Project(e => [e.Timestamp, e.DeviceName, e.ProcessId, e.ProcessCreationTime, e.ProcessCommandLine]));

    [Fact]
    public void Large_archives_staged_for_exfiltration() => Approve(
        Hunting.DeviceFileEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Where(e => e.ActionType == "FileCreated" & (e.FileName.EndsWith(".zip") | e.FileName.EndsWith(".7z") | e.FileName.EndsWith(".rar")))
            .Where(e => e.FileSize > 100_000_000 & e.FileSize / 1_048_576 < 4096)
            .Where(e => e.FileSize % 512 == 0 | e.FileSize.Between(2_000_000_000, 4_000_000_000) | -e.FileSize < -1_000_000_000)
            .Where(e => e.FileSize.NotBetween(0, 1_000) & e.FileSize.NotIn(0, 4096) & e.InitiatingProcessId.IsNotNull())
            .Project(e => [e.Timestamp, e.DeviceName, e.FolderPath, e.FileName, e.FileSize, e.InitiatingProcessFileName]));

    [Fact]
    public void Connections_to_common_c2_ports() => Approve(
        Hunting.DeviceNetworkEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Where(e => e.ActionType == "ConnectionSuccess" & e.RemoteIPType == "Public")
            .Where(e => e.RemotePort.In(4444, 1337, 8443, 50050) | (e.RemotePort.Between(6660, 6669) & e.Protocol == "Tcp"))
            .Where(e => e.LocalPort.NotIn(80, 443) & e.LocalPort != 3389 & e.InitiatingProcessFileName.NotInIgnoreCase("chrome.exe", "msedge.exe", "firefox.exe"))
            .Project(e => [e.Timestamp, e.DeviceName, e.RemoteIP, e.RemotePort, e.RemoteUrl, e.InitiatingProcessFileName]));

    [Fact]
    public void High_ports_with_arithmetic_on_ints() => Approve(
        Hunting.DeviceNetworkEvents
            .Where(e => e.RemotePort.NotBetween(0, 1023) & e.LocalPort >= 49152 & e.LocalPort <= 65535)
            .Where(e => e.RemotePort % 1000 == 0 | e.RemotePort * 2 > 100_000 | e.RemotePort - e.LocalPort == 0 | e.RemotePort + 1 == 8081 | -e.RemotePort > -100)
            .Where(e => e.LocalPort / 2 > 1 & e.RemotePort.IsNull() == false)
            .Project(e => [e.Timestamp, e.DeviceName, e.LocalPort, e.RemotePort.Bin(1000).As("PortRange"), (e.RemoteIP + ":" + e.RemotePort.AsString()).As("Endpoint")]));

    [Fact]
    public void Non_system_accounts_in_well_known_service_sessions() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Where(e => e.LogonId.In(999, 997, 996) | e.InitiatingProcessId == 4)
            .Where(e => e.AccountName.NotInIgnoreCase("system", "local service", "network service") & e.AccountSid.NotStartsWith("S-1-5-"))
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountName, e.AccountSid, e.LogonId.AsString().As("Session"), e.ProcessCommandLine]));

    [Fact]
    public void High_impact_misconfigurations() => Approve(
        Hunting.DeviceTvmSecureConfigurationAssessment
            .Where(e => e.IsApplicable & !e.IsCompliant)
            .Where(e => (e.ConfigurationImpact >= 7.5 | e.ConfigurationImpact.In(9.0, 10.0)) & e.ConfigurationImpact.Between(0.0, 10.0))
            .Where(e => e.ConfigurationImpact.NotBetween(0.0, 2.5) & e.ConfigurationImpact.NotIn(-1.0) & !e.ConfigurationImpact.IsNaN())
            .Where(e => e.ConfigurationImpact * 10.0 - e.ConfigurationImpact / 2.0 + -e.ConfigurationImpact % 3.0 > 1.5e-3)
            .Project(e => [e.DeviceName, e.ConfigurationId, e.ConfigurationCategory, e.ConfigurationImpact.Round(1).As("Impact")]));

    [Fact]
    public void Admin_operations_by_external_or_impersonated_users() => Approve(
        Hunting.CloudAppEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.IsAdminOperation == true && (e.IsExternalUser || e.IsImpersonated))
            .Where(e => !e.IsAnonymousProxy | e.IsAnonymousProxy.IsNull())
            .Where(e => e.IsExternalUser != false & e.CountryCode.NotIn("US", "CA"))
            .Project(e => [e.Timestamp, e.Application, e.ActionType, e.AccountDisplayName, e.IPAddress, e.CountryCode]));

    [Fact]
    public void Dlp_activities_by_activity_id() => Approve(
        Hunting.DataSecurityEvents
            .Where(e => e.ActivityId.In(
                new Guid("74be27de-1e4e-49d9-b579-fe0b331d3642"),
                new Guid("0f8fad5b-d9cb-469f-a165-70867728950e")))
            .Where(e => e.AadDeviceId != Guid.Empty & e.NetworkMessageId.IsNull())
            .Where(e => e.AccountObjectId.AsGuid() == new Guid("9f5b2c1a-3e4d-4f6a-8b7c-1d2e3f4a5b6c") | e.ActivityId.IsNotNull())
            .Project(e => [e.Timestamp, e.ActivityId, e.AadDeviceId, e.ActionType, e.AccountUpn, e.ObjectName]));

    [Fact]
    public void Copilot_agent_by_id() => Approve(
        Hunting.AIAgentsInfo
            .Where(e => e.AIAgentId == new Guid("3f2504e0-4f89-11d3-9a0c-0305e82c3301"))
            .Where(e => e.IsGenerativeOrchestrationEnabled & e.AgentStatus != "Deleted")
            .Project(e => [e.Timestamp, e.AIAgentId.AsString().As("AgentId"), e.AIAgentName, e.CreatorAccountUpn, e.LastModifiedTime])
            .OrderByDescending(e => e.Timestamp)
            .Take(1));

    [Fact]
    public void Clicked_through_malicious_urls() => Approve(
        Hunting.UrlClickEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.ActionType.In("ClickAllowed", "UrlScanInProgress", "UrlErrorPage") | e.IsClickedThrough)
            .Where(e => e.ThreatTypes.Has("Phish") | e.ThreatTypes.Has("Malware"))
            .Project(e => [e.Timestamp, e.AccountUpn, e.Url, e.IsClickedThrough, e.Workload, e.NetworkMessageId]));

    [Fact]
    public void Failed_identity_logons_from_one_ip() => Approve(
        Hunting.IdentityLogonEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromHours(12)))
            .Where(e => e.ActionType == "LogonFailed" & e.Protocol.In("Ntlm", "Kerberos"))
            .Where(e => e.FailureReason.Has("password") & e.DestinationPort.In(88, 445))
            .Project(e => [e.Timestamp, e.AccountUpn, e.IPAddress, e.DeviceName, e.FailureReason, e.DestinationDeviceName]));
}

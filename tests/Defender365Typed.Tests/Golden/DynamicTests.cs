using System;

namespace Defender365Typed.Tests.Golden;

/// <summary>Golden queries about dynamic columns: indexing, conversions, bag/array functions and <c>mv-expand</c>.</summary>
public sealed class DynamicTests : GoldenQueryTests
{
    [Fact]
    public void Inbox_rules_forwarding_mail() => Approve(
        Hunting.CloudAppEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.ActionType.In("New-InboxRule", "Set-InboxRule") & e.RawEventData["ResultStatus"].AsString() == "Succeeded")
            .MvExpand<KqlDynamic>("Parameter", e => e.RawEventData["Parameters"], out KqlDynamic parameter)
            .Where(e => parameter["Name"].AsString().In("ForwardTo", "RedirectTo", "ForwardAsAttachmentTo"))
            .Project(e => [e.Timestamp, e.AccountDisplayName, e.IPAddress, ((KqlString)parameter["Value"]).As("Target")]));

    [Fact]
    public void Cloud_activity_from_tor_or_anonymous_ips() => Approve(
        Hunting.CloudAppEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Where(e => e.IPTags.ContainsElement<KqlString>("Tor") | e.IPTags.ContainsElement<KqlString>("Anonymous proxy"))
            .Where(e => e.UserAgentTags.ArrayLength() > 0 | e.UserAgentTags.IsEmpty())
            .Project(e => [e.Timestamp, e.AccountDisplayName, e.ActionType, e.IPAddress, e.IPTags, e.IPTags[0].As("FirstTag")]));

    [Fact]
    public void Typed_reads_of_raw_event_data() => Approve(
        Hunting.CloudAppEvents
            .Where(e => e.Application == "Microsoft Exchange Online" & e.RawEventData.HasKey("ClientIP"))
            .Where(e => (KqlLong)e.RawEventData["RecordType"] == 2 & (KqlInt)e.RawEventData["Version"] >= 1)
            .Where(e => (KqlBool)e.RawEventData["ExternalAccess"] | e.RawEventData["LogonType"].AsInt() != 0)
            .Where(e => (KqlDateTime)e.RawEventData["CreationTime"] > Kql.Ago(TimeSpan.FromDays(1)))
            .Where(e => (KqlReal)e.RawEventData["Score"] > 0.8 | e.RawEventData["Score"].AsReal().IsNull())
            .Project(e =>
            [
                e.Timestamp,
                e.RawEventData["Operation"].AsString().As("Operation"),
                e.RawEventData["UserId"].AsString().As("UserId"),
                e.RawEventData["OrganizationId"].AsGuid().As("TenantId"),
                e.RawEventData["RecordType"].AsLong().As("RecordType"),
                e.RawEventData["ExternalAccess"].AsBool().As("ExternalAccess"),
                e.RawEventData["CreationTime"].AsDateTime().As("Created"),
                e.RawEventData["SessionDuration"].AsTimeSpan().As("SessionDuration"),
            ]));

    [Fact]
    public void Zero_day_vulnerabilities_by_tag() => Approve(
        Hunting.DeviceTvmSoftwareVulnerabilities
            .Where(e => e.CveTags.ContainsElement<KqlString>("ZeroDay") | e.CveTags.ContainsElement<KqlString>("ExploitVerified"))
            .MvExpand(e => e.CveTags)
            .Where(e => e.CveTags.AsString().In("ZeroDay", "ExploitVerified", "ExploitInKit"))
            .Project(e => [e.DeviceName, e.SoftwareName, e.SoftwareVersion, e.CveId, e.CveTags.AsString().As("Tag")]));

    [Fact]
    public void Powershell_script_content_from_additional_fields() => Approve(
        Hunting.DeviceEvents
            .Where(e => e.ActionType == "PowerShellCommand" | e.ActionType == "AmsiScriptContent")
            .Extend("Fields", e => e.AdditionalFields.ParseJson(), out KqlDynamic fields)
            .Where(e => fields.HasKey("ScriptContent") & fields["IsAudit"].AsBool() == false)
            .Extend("Script", e => fields["ScriptContent"].AsString(), out KqlString script)
            .Where(e => script.HasAny("VirtualAlloc", "WriteProcessMemory", "AmsiUtils", "Net.WebClient") & script.Length() > 200)
            .Project(e => [e.Timestamp, e.DeviceName, e.InitiatingProcessFileName, script.Substring(0, 500).As("ScriptStart")]));

    [Fact]
    public void Network_adapter_ip_addresses_expanded() => Approve(
        Hunting.DeviceNetworkInfo
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.NetworkAdapterStatus == "Up")
            .MvExpand<KqlDynamic>("IP", e => e.IPAddresses.ParseJson(), out KqlDynamic ip, limit: 16)
            .Extend("Address", e => ip["IPAddress"].AsString(), out KqlString address)
            .Where(e => address.StartsWith("10.") == false & ip["AddressType"].AsString() == "Public")
            .Distinct(e => [e.DeviceName, address, ip["SubnetPrefix"].AsLong().As("Prefix")]));

    [Fact]
    public void Path_segments_as_typed_rows() => Approve(
        Hunting.DeviceFileEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromHours(1)) & e.FolderPath.StartsWith(@"C:\Users\"))
            .MvExpand<KqlString>("Segment", e => e.FolderPath.Split(@"\"), out KqlString segment)
            .Where(e => segment.StartsWith(".") & segment.NotIn(".vscode", ".git"))
            .Project(e => [e.DeviceName, e.FolderPath, segment, e.FolderPath.Split(@"\")[-1].AsString().As("Leaf")]));

    [Fact]
    public void Global_admins_from_identity_info() => Approve(
        Hunting.IdentityInfo
            .Where(e => e.AssignedRoles.ContainsElement<KqlString>("Global Administrator") & e.IsAccountEnabled)
            .SummarizeArgMax(e => e.Timestamp, by: e => [e.AccountObjectId])
            .Project(e => [e.AccountUpn, e.Department, e.AssignedRoles.ArrayLength().As("Roles"), e.Tags]));

    [Fact]
    public void Identity_logon_details_from_additional_fields() => Approve(
        Hunting.IdentityLogonEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.AdditionalFields.IsNotNull())
            .Where(e => e.AdditionalFields.HasKey("Spns") | e.AdditionalFields["Count"].AsInt() > 10)
            .MvExpand<KqlString>("Spn", e => e.AdditionalFields["Spns"], out KqlString spn, limit: 100)
            .Where(e => spn.StartsWith("MSSQLSvc/") | spn.HasPrefix("HTTP"))
            .Project(e => [e.Timestamp, e.AccountUpn, e.DeviceName, spn]));

    [Fact]
    public void Sensitive_info_types_in_dlp_events() => Approve(
        Hunting.DataSecurityEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.SensitiveInfoTypeInfo.IsNotNull())
            .MvExpand<KqlDynamic>("InfoType", e => e.SensitiveInfoTypeInfo, out KqlDynamic infoType)
            .Where(e => infoType["Confidence"].AsLong() >= 85 & infoType["Count"].AsLong().Between(10, 10_000))
            .Project(e => [e.Timestamp, e.AccountUpn, e.ObjectName, infoType["SensitiveInfoTypeName"].AsString().As("InfoType")]));
}

using System;

namespace Defender365Typed.Tests.Golden;

/// <summary>Golden queries about <c>project</c>, <c>project-away</c>, <c>project-rename</c>, <c>extend</c> and <c>distinct</c>.</summary>
public sealed class ProjectionTests : GoldenQueryTests
{
    [Fact]
    public void Process_tree_with_aliases_and_computed_columns() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromHours(1)))
            .Project(e =>
            [
                e.Timestamp,
                e.DeviceName.As("Device"),
                e.InitiatingProcessFileName.As("Parent"),
                e.FileName.As("Child"),
                e.ProcessCommandLine.Length().As("CommandLength"),
                e.ProcessCommandLine.ToLower().As("Command"),
                e.FileName.ToUpper().As("Image"),
                (e.AccountDomain + "\\" + e.AccountName).As("Account"),
            ]));

    [Fact]
    public void Renamed_columns_then_a_result_shape() => Approve(
        Hunting.DeviceNetworkEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.RemoteUrl.IsNotEmpty())
            .ProjectRename("Process", e => e.InitiatingProcessFileName, out KqlString process)
            .Where(e => process.InIgnoreCase("powershell.exe", "rundll32.exe", "regsvr32.exe"))
            .Project(ProcessConnection.Shape)
            .Where(r => r.RemoteUrl.NotEndsWith(".microsoft.com"))
            .OrderBy(r => r.DeviceName)
            .ThenByDescending(r => r.Timestamp));

    [Fact]
    public void Computed_result_shape() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & e.FileName.EqualsIgnoreCase("cmd.exe"))
            .Project(SuspiciousCommand.Shape, (e, r) =>
            [
                r.Timestamp.Assign(e.Timestamp),
                r.Device.Assign(e.DeviceName),
                r.Account.Assign(Kql.StrCat(e.AccountDomain, "\\", e.AccountName)),
                r.Command.Assign(e.ProcessCommandLine),
                r.Parent.Assign(e.InitiatingProcessFileName.ToLower()),
            ])
            .Where(r => r.Command.Contains("/c") & r.Parent != "explorer.exe")
            .Take(1000));

    [Fact]
    public void Latest_device_inventory_without_noise_columns() => Approve(
        Hunting.DeviceInfo
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .SummarizeArgMax(e => e.Timestamp, by: e => [e.DeviceId])
            .ProjectAway(e => [e.AdditionalFields, e.ReportId, e.MergedDeviceIds, e.MergedToDeviceId, e.ClientVersion])
            .Where(e => e.OnboardingStatus == "Onboarded" & e.OSPlatform.StartsWith("Windows")));

    [Fact]
    public void Long_command_lines_via_extend() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Extend("CommandLength", e => e.ProcessCommandLine.Length(), out KqlLong commandLength)
            .Where(e => commandLength > 1000)
            .Project(e => [e.Timestamp, e.DeviceName, e.FileName, commandLength, e.ProcessCommandLine])
            .Top(50, e => commandLength));

    [Fact]
    public void Base64_blob_extracted_from_command_line() => Approve(
        Hunting.DeviceProcessEvents
            .Where(e => e.ProcessCommandLine.Has("FromBase64String") | e.ProcessCommandLine.Has("-enc"))
            .Extend("Blob", e => e.ProcessCommandLine.Extract(@"([A-Za-z0-9+/]{50,}={0,2})", 1), out KqlString blob)
            .Where(e => blob.IsNotEmpty() & blob.Length() % 4 == 0)
            .Extend("BlobOffset", e => e.ProcessCommandLine.IndexOf(blob), out KqlLong offset)
            .Project(e => [e.Timestamp, e.DeviceName, blob, offset, e.ProcessCommandLine.Substring(0, offset).As("Prefix")]));

    [Fact]
    public void Path_parts_and_string_rewrites() => Approve(
        Hunting.DeviceFileEvents
            .Where(e => e.FolderPath.Contains(@"\Users\"))
            .Extend("Parts", e => e.FolderPath.Split(@"\"), out KqlDynamic parts)
            .Extend("UserProfile", e => parts[2].AsString(), out KqlString profile)
            .Project(e =>
            [
                e.Timestamp,
                e.DeviceName,
                profile,
                e.FolderPath.Replace(profile, "<user>").As("GenericPath"),
                e.FileName.Substring(e.FileName.IndexOf(".") + 1).As("AfterFirstDot"),
                e.FileName.Substring(0, 8).As("ShortName"),
            ]));

    [Fact]
    public void Calendar_functions_on_timestamps() => Approve(
        Hunting.DeviceLogonEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(90)))
            .Project(e =>
            [
                e.Timestamp,
                e.AccountName,
                e.Timestamp.StartOfDay().As("Day"),
                e.Timestamp.StartOfWeek().As("Week"),
                e.Timestamp.StartOfMonth().As("Month"),
                e.Timestamp.StartOfYear().As("Year"),
                e.Timestamp.EndOfDay().As("DayEnd"),
                e.Timestamp.DayOfMonth().As("DayOfMonth"),
                e.Timestamp.DayOfWeek().As("Weekday"),
                e.Timestamp.HourOfDay().As("Hour"),
                e.Timestamp.Format("yyyy-MM-dd HH:mm").As("Display"),
                (Kql.Now() - e.Timestamp).As("Age"),
            ]));

    [Fact]
    public void Uac_disabled_through_the_registry() => Approve(
        Hunting.DeviceRegistryEvents
            .Where(e => e.ActionType == "RegistryValueSet")
            .Where(e => e.RegistryKey.EndsWith(@"\Policies\System") & e.RegistryValueName.In("EnableLUA", "ConsentPromptBehaviorAdmin"))
            .Where(e => e.RegistryValueData.AsLong() == 0 | e.RegistryValueData.AsInt() == 0 | e.RegistryValueData.AsReal() < 0.5)
            .Where(e => e.PreviousRegistryValueData.AsLong().IsNull() | e.PreviousRegistryValueData.AsLong() != 0)
            .Project(e => [e.Timestamp, e.DeviceName, e.RegistryKey, e.RegistryValueName, e.RegistryValueData, e.InitiatingProcessCommandLine]));

    [Fact]
    public void Who_logged_on_with_fallbacks() => Approve(
        Hunting.IdentityLogonEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)))
            .Project(e =>
            [
                e.Timestamp,
                Kql.Coalesce(e.AccountUpn, e.AccountName).As("Who"),
                Kql.Iff(e.ActionType == "LogonSuccess", "ok", Kql.StrCat("failed: ", e.FailureReason)).As("Outcome"),
                Kql.Iff(e.Port.IsNull(), 0, e.Port).As("SourcePort"),
                e.AccountUpn.Substring(e.AccountUpn.IndexOf("@") + 1).ToLower().As("UpnSuffix"),
                e.IPAddress,
            ]));

    [Fact]
    public void Distinct_device_and_remote_url_pairs() => Approve(
        Hunting.DeviceNetworkEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(1)) & (e.RemoteUrl.Has("ngrok") | e.RemoteUrl.EndsWith(".trycloudflare.com")))
            .Distinct(e => [e.DeviceName, e.RemoteUrl, e.InitiatingProcessFileName]));

    [Fact]
    public void Keyword_and_spaced_identifiers_are_bracketed() => Approve(
        Hunting.DeviceEvents
            .Where(e => e.ActionType == "PowerShellCommand")
            .Extend("where", e => e.AdditionalFields.ParseJson()["Command"].AsString(), out KqlString command)
            .Extend("Risk score", e => Kql.Iff<KqlLong>(command.HasAny("Invoke-Expression", "IEX", "DownloadString"), 100, 10), out KqlLong risk)
            .ProjectRename("it's", e => e.InitiatingProcessCommandLine, out KqlString parentCommand)
            .Where(e => risk >= 50 & parentCommand.IsNotEmpty())
            .Project(e => [e.Timestamp, e.DeviceName, command, risk, parentCommand, command.As("by")]));

    [Fact]
    public void String_conversions_to_dates_and_guids() => Approve(
        Hunting.DeviceEvents
            .Where(e => e.ActionType == "ScheduledTaskCreated")
            .Extend("Fields", e => e.AdditionalFields.ParseJson(), out KqlDynamic fields)
            .Extend("TaskCreated", e => fields["TaskContent"]["RegistrationInfo"]["Date"].AsString().AsDateTime(), out KqlDateTime created)
            .Where(e => created > e.Timestamp - TimeSpan.FromMinutes(5) & created <= e.Timestamp + TimeSpan.FromMinutes(5))
            .Project(e => [e.Timestamp, e.DeviceName, created, fields["TaskName"].AsString().As("TaskName")]));
}

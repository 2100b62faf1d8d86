using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>
    /// The Microsoft 365 audit side of the tenant (CloudAppEvents, OAuthAppInfo): background mailbox, SharePoint and
    /// Teams activity, and four stories: the takeover of alice's mailbox from a Tor exit node after the phishing click
    /// (mail read, forwarding inbox rule, consent to a mail-reading OAuth app that then reads mail through Graph), a
    /// service-principal backdoor added with dave's brute-forced account, a Teams "help desk" chat from a foreign tenant,
    /// and the SOC's response in the Defender portal (isolation, live response, detection rules, quarantine release).
    /// </summary>
    private sealed partial class Builder
    {
        private const string TorIp = "185.220.101.47";
        private const string GraphAppId = "00000003-0000-0000-c000-000000000000";
        private const string MaliciousAppId = "6f1c3e8a-92b4-4d7e-a1f0-5c2b9d8e7a41";
        private const string MaliciousAppName = "MailSync Pro";
        private const string BackdoorAppId = "2d9e4b71-0c5a-4f3e-8b6d-7a1e9c0f3b52";
        private const string BackdoorAppName = "contoso-automation";
        private const string TenantId = "72f988bf-0000-4000-8000-2d7cd011db47";

        private static readonly (string Name, int Id)[] CloudApps =
        [
            ("Microsoft Exchange Online", 20893),
            ("Microsoft SharePoint Online", 20892),
            ("Microsoft OneDrive for Business", 15600),
            ("Microsoft Teams", 11599),
            ("Office 365", 11161),
            ("Microsoft 365 Defender", 60),
        ];

        private static object? Json(string text) =>
            DynamicJson.TryParse(text, out object? value) ? value : throw new InvalidOperationException("The synthetic dataset has malformed JSON: " + text);

        private static string Quote(string text) => DynamicJson.ToJson(text);

        private Dictionary<string, object?> CloudEvent(DateTime t, string application, string action, User u, string ip, string raw,
            string activityType = "Basic", string country = "US", string objectName = "", string objectType = "", bool admin = false)
        {
            Dictionary<string, object?> r = Add("CloudAppEvents", t);
            r["ActionType"] = action;
            r["Application"] = application;
            r["ApplicationId"] = CloudApps.First(a => a.Name == application).Id;
            r["AccountObjectId"] = u.ObjectId;
            r["AccountId"] = u.ObjectId;
            r["AccountDisplayName"] = u.DisplayName;
            r["IsAdminOperation"] = admin;
            r["DeviceType"] = "Desktop";
            r["OSPlatform"] = "Windows";
            r["IPAddress"] = ip;
            r["IsAnonymousProxy"] = false;
            r["CountryCode"] = country;
            r["City"] = country == "US" ? "Redmond" : "";
            r["Isp"] = country == "US" ? "Contoso Networks" : "";
            r["UserAgent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0";
            r["ActivityType"] = activityType;
            r["ActivityObjects"] = Json("[]");
            r["ObjectName"] = objectName;
            r["ObjectType"] = objectType;
            r["ObjectId"] = objectName;
            r["ReportId"] = NewGuid().ToString("N");
            r["AccountType"] = admin ? "Admin" : "Regular";
            r["IsExternalUser"] = false;
            r["IsImpersonated"] = false;
            r["IPTags"] = Json("[]");
            r["IPCategory"] = country == "US" ? "Corporate" : "";
            r["UserAgentTags"] = Json("[]");
            r["RawEventData"] = Json(raw);
            r["AdditionalFields"] = Json("{}");
            r["AuditSource"] = "Defender for Cloud Apps access control";
            r["OAuthAppId"] = "";
            return r;
        }

        private string Raw(string workload, string operation, User u, string ip, string more = "") =>
            "{\"CreationTime\":" + Quote(now.ToString("s", CultureInfo.InvariantCulture)) + ",\"Id\":" + Quote(NewGuid().ToString("D"))
            + ",\"Operation\":" + Quote(operation) + ",\"OrganizationId\":" + Quote(TenantId) + ",\"ResultStatus\":\"Succeeded\""
            + ",\"UserId\":" + Quote(u.Upn) + ",\"UserKey\":" + Quote(u.ObjectId) + ",\"Workload\":" + Quote(workload) + ",\"ClientIP\":" + Quote(ip)
            + (more.Length > 0 ? "," + more : "") + "}";

        private void CloudActivity()
        {
            BackgroundCloudActivity();
            MailboxTakeover();
            ServicePrincipalBackdoor();
            TeamsHelpDeskChat();
            DefenderPortalResponse();
            OAuthApps();
        }

        private void BackgroundCloudActivity()
        {
            var people = _users.Where(u => u.Name != "svc_backup").ToList();
            string[] docs = ["Q3 report.docx", "budget.xlsx", "slides.pptx", "customers.csv"];
            for (int i = 0; i < 180; i++)
            {
                User u = Pick(people);
                DateTime t = Ago(TimeSpan.FromDays(7));
                string ip = "203.0.113.10";
                switch (i % 6)
                {
                    case 0:
                    case 1:
                        CloudEvent(t, "Microsoft Exchange Online", "MailItemsAccessed", u, ip,
                            Raw("Exchange", "MailItemsAccessed", u, ip, "\"MailboxOwnerUPN\":" + Quote(u.Upn) + ",\"LogonType\":0,\"ClientInfoString\":\"Client=MSExchangeRPC\""
                                + ",\"OperationCount\":" + (1 + _random.Next(20)).ToString(CultureInfo.InvariantCulture)
                                + ",\"OperationProperties\":[{\"Name\":\"MailAccessType\",\"Value\":\"Bind\"},{\"Name\":\"IsThrottled\",\"Value\":\"False\"}]"),
                            objectName: u.Upn, objectType: "Mailbox");
                        break;
                    case 2:
                    case 3:
                        string doc = Pick(docs);
                        string site = "https://contoso.sharepoint.com/sites/" + (i % 4 == 2 ? "Finance" : "Projects");
                        CloudEvent(t, "Microsoft SharePoint Online", i % 3 == 0 ? "FileModified" : "FileAccessed", u, ip,
                            Raw("SharePoint", "FileAccessed", u, ip, "\"SiteUrl\":" + Quote(site + "/") + ",\"SourceFileName\":" + Quote(doc)
                                + ",\"ObjectId\":" + Quote(site + "/Shared Documents/" + doc)),
                            objectName: site + "/Shared Documents/" + doc, objectType: "File");
                        break;
                    case 4:
                        CloudEvent(t, "Microsoft Teams", "MessageSent", u, ip,
                            Raw("MicrosoftTeams", "MessageSent", u, ip, "\"CommunicationType\":\"Team\",\"ChatThreadId\":\"19:finance@thread.tacv2\""));
                        break;
                    default:
                        string[] reactions = ["like", "heart", "laugh", "like"];
                        CloudEvent(t, "Microsoft Teams", "ReactedToMessage", u, ip,
                            Raw("MicrosoftTeams", "ReactedToMessage", u, ip, "\"MessageReactionType\":" + Quote(Pick(reactions)) + ",\"CommunicationType\":\"Team\""));
                        break;
                }
            }

            // Copilot questions.
            foreach (User u in people.Take(4))
            {
                CloudEvent(Ago(TimeSpan.FromDays(5)), "Office 365", "CopilotInteraction", u, "203.0.113.10",
                    Raw("Copilot", "CopilotInteraction", u, "203.0.113.10",
                        "\"CopilotEventData\":{\"AppHost\":\"Teams\",\"ModelTransparencyDetails\":[{\"ModelName\":\"GPT-4o\"}],\"Contexts\":[{\"Type\":\"TeamsMeeting\"}]}"));
            }

            // The backup service reads bob's mailbox through EWS impersonation.
            User backup = UserNamed("svc_backup");
            Dictionary<string, object?> imp = CloudEvent(Ago(TimeSpan.FromDays(2)), "Microsoft Exchange Online", "MailItemsAccessed", backup, "10.0.2.26",
                Raw("Exchange", "MailItemsAccessed", backup, "10.0.2.26", "\"MailboxOwnerUPN\":" + Quote(UserNamed("bob").Upn)
                    + ",\"LogonType\":2,\"ClientInfoString\":\"Client=WebServices;ExchangeServicesClient\",\"OperationCount\":240"),
                objectName: UserNamed("bob").Upn, objectType: "Mailbox");
            imp["IsImpersonated"] = true;

            // A partner (GDAP) admin from outside the tenant changes a mailbox setting.
            var partner = new User("admin", "PARTNER-MSP", "", "admin@partner-msp.com", "9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d", "Partner MSP Admin");
            Dictionary<string, object?> ext = CloudEvent(Ago(TimeSpan.FromDays(4)), "Microsoft Exchange Online", "Set-Mailbox", partner, "198.51.100.61",
                Raw("Exchange", "Set-Mailbox", partner, "198.51.100.61", "\"Parameters\":[{\"Name\":\"Identity\",\"Value\":\"grace@contoso.com\"},{\"Name\":\"LitigationHoldEnabled\",\"Value\":\"True\"}]"),
                "Update", admin: true);
            ext["IsExternalUser"] = true;
        }

        private void MailboxTakeover()
        {
            User alice = UserNamed("alice");
            DateTime start = now - TimeSpan.FromMinutes(75);
            const string torAgent = "Mozilla/5.0 (Windows NT 6.1; rv:60.0) Gecko/20100101 Firefox/60.0";
            List<Dictionary<string, object?>> aliceMail = _rows["EmailEvents"].Where(m => (string)m["RecipientEmailAddress"]! == alice.Upn).Take(5).ToList();
            string items = string.Join(",", aliceMail.Select(m => "{\"InternetMessageId\":" + Quote((string)m["InternetMessageId"]!) + ",\"SizeInBytes\":" + (20_000 + _random.Next(90_000)).ToString(CultureInfo.InvariantCulture) + "}"));

            Dictionary<string, object?> Tor(DateTime t, string application, string action, string raw, string objectName = "", string objectType = "")
            {
                Dictionary<string, object?> r = CloudEvent(t, application, action, alice, TorIp, raw, "Run", "DE", objectName, objectType);
                r["IsAnonymousProxy"] = true;
                r["City"] = "Frankfurt am Main";
                r["Isp"] = "Tor exit node";
                r["IPCategory"] = "Anonymous proxy";
                r["IPTags"] = Json("[\"Tor\",\"Anonymous proxy\"]");
                r["UserAgent"] = torAgent;
                r["UserAgentTags"] = Json("[\"Outdated browser\",\"Outdated operating system\"]");
                r["LastSeenForUser"] = Json("{\"CountryCode\":-1,\"IPAddress\":-1,\"ISP\":-1}");
                r["UncommonForUser"] = Json("[\"CountryCode\",\"IPAddress\",\"ISP\"]");
                return r;
            }

            Tor(start, "Microsoft Exchange Online", "MailItemsAccessed",
                Raw("Exchange", "MailItemsAccessed", alice, TorIp, "\"MailboxOwnerUPN\":" + Quote(alice.Upn) + ",\"LogonType\":0,\"ClientInfoString\":\"Client=OWA\""
                    + ",\"OperationCount\":" + aliceMail.Count.ToString(CultureInfo.InvariantCulture)
                    + ",\"OperationProperties\":[{\"Name\":\"MailAccessType\",\"Value\":\"Bind\"},{\"Name\":\"IsThrottled\",\"Value\":\"False\"}]"
                    + ",\"Folders\":[{\"Path\":\"\\\\Inbox\",\"FolderItems\":[" + items + "]}]"),
                alice.Upn, "Mailbox");
            Tor(start + TimeSpan.FromMinutes(3), "Microsoft Exchange Online", "New-InboxRule",
                Raw("Exchange", "New-InboxRule", alice, TorIp, "\"Parameters\":[{\"Name\":\"Name\",\"Value\":\".\"},{\"Name\":\"ForwardTo\",\"Value\":\"alice.smith.backup@proton-mail.net\"},"
                    + "{\"Name\":\"SubjectOrBodyContainsWords\",\"Value\":\"invoice;payment;password\"},{\"Name\":\"MoveToFolder\",\"Value\":\"RSS Subscriptions\"},{\"Name\":\"StopProcessingRules\",\"Value\":\"True\"}]"),
                ".", "InboxRule");
            Tor(start + TimeSpan.FromMinutes(4), "Microsoft Exchange Online", "Set-Mailbox",
                Raw("Exchange", "Set-Mailbox", alice, TorIp, "\"Parameters\":[{\"Name\":\"Identity\",\"Value\":" + Quote(alice.Upn) + "},{\"Name\":\"ForwardingSmtpAddress\",\"Value\":\"smtp:alice.smith.backup@proton-mail.net\"},{\"Name\":\"DeliverToMailboxAndForward\",\"Value\":\"True\"}]"),
                alice.Upn, "Mailbox");
            Tor(start + TimeSpan.FromMinutes(6), "Microsoft Exchange Online", "HardDelete",
                Raw("Exchange", "HardDelete", alice, TorIp, "\"MailboxOwnerUPN\":" + Quote(alice.Upn) + ",\"AffectedItems\":[{\"Subject\":\"Security alert: new sign-in\",\"ParentFolder\":{\"Path\":\"\\\\Inbox\"}},{\"Subject\":\"Inbox rule created\",\"ParentFolder\":{\"Path\":\"\\\\Deleted Items\"}}]"));

            // Consent to a mail-reading app; the grant and the consent are logged in the same minute.
            string target = "[{\"Type\":2,\"ID\":\"ServicePrincipal_" + MaliciousAppId + "\"},{\"Type\":2,\"ID\":\"" + MaliciousAppId + "\"},{\"Type\":2,\"ID\":\"ServicePrincipal\"},{\"Type\":1,\"ID\":\"" + MaliciousAppName + "\"},{\"Type\":2,\"ID\":\"" + MaliciousAppId + "\"}]";
            string actor = "[{\"Type\":5,\"ID\":" + Quote(alice.Upn) + "},{\"Type\":3,\"ID\":" + Quote(alice.ObjectId) + "},{\"Type\":2,\"ID\":\"User\"}]";
            DateTime consent = start + TimeSpan.FromMinutes(8);
            Tor(consent, "Office 365", "Consent to application.",
                Raw("AzureActiveDirectory", "Consent to application.", alice, TorIp, "\"ResultStatus\":\"Success\",\"Actor\":" + actor + ",\"Target\":" + target
                    + ",\"ModifiedProperties\":[{\"Name\":\"ConsentContext.IsAdminConsent\",\"NewValue\":\"False\",\"OldValue\":\"\"},{\"Name\":\"ConsentContext.IsAppOnly\",\"NewValue\":\"False\",\"OldValue\":\"\"},"
                    + "{\"Name\":\"ConsentContext.OnBehalfOfAll\",\"NewValue\":\"False\",\"OldValue\":\"\"},{\"Name\":\"ConsentContext.Tags\",\"NewValue\":\"WindowsAzureActiveDirectoryIntegratedApp\",\"OldValue\":\"\"},"
                    + "{\"Name\":\"ConsentAction.Permissions\",\"NewValue\":\"[] => [[Id: x, ClientId: " + MaliciousAppId + ", PrincipalId: " + alice.ObjectId + ", ResourceId: graph, ConsentType: Principal, Scope: Mail.Read Mail.ReadWrite offline_access User.Read]]\",\"OldValue\":\"\"}]"));
            Tor(consent + TimeSpan.FromSeconds(1), "Office 365", "Add delegated permission grant.",
                Raw("AzureActiveDirectory", "Add delegated permission grant.", alice, TorIp, "\"ResultStatus\":\"Success\",\"Actor\":" + actor
                    + ",\"Target\":[{\"Type\":2,\"ID\":\"ServicePrincipal_graph\"},{\"Type\":2,\"ID\":\"" + GraphAppId + "\"},{\"Type\":2,\"ID\":\"ServicePrincipal\"},{\"Type\":1,\"ID\":\"Microsoft Graph\"}]"
                    + ",\"ExtendedProperties\":[{\"Name\":\"additionalDetails\",\"Value\":\"{\\\"User-Agent\\\":\\\"" + torAgent + "\\\"}\"}]"
                    + ",\"ModifiedProperties\":[{\"Name\":\"DelegatedPermissionGrant.Scope\",\"NewValue\":\"Mail.Read Mail.ReadWrite offline_access User.Read\",\"OldValue\":\"\"},{\"Name\":\"DelegatedPermissionGrant.ConsentType\",\"NewValue\":\"Principal\",\"OldValue\":\"\"}]"));

            // The app then reads mail through Graph, in bulk until throttled, within the last hour.
            for (int i = 0; i < 4; i++)
            {
                Dictionary<string, object?> r = CloudEvent(now - TimeSpan.FromMinutes(50 - (10 * i)), "Microsoft Exchange Online", "MailItemsAccessed", alice, "52.170.14.92",
                    Raw("Exchange", "MailItemsAccessed", alice, "52.170.14.92", "\"MailboxOwnerUPN\":" + Quote(alice.Upn) + ",\"AppId\":\"" + GraphAppId + "\",\"ClientAppId\":\"" + MaliciousAppId + "\""
                        + ",\"LogonType\":0,\"OperationCount\":" + (150 * (i + 1)).ToString(CultureInfo.InvariantCulture)
                        + ",\"OperationProperties\":[{\"Name\":\"MailAccessType\",\"Value\":\"Sync\"},{\"Name\":\"IsThrottled\",\"Value\":\"" + (i == 3 ? "True" : "False") + "\"}]"),
                    "Run", objectName: alice.Upn, objectType: "Mailbox");
                r["OAuthAppId"] = MaliciousAppId;
                r["UserAgent"] = "python-requests/2.31.0";
            }
        }

        private void ServicePrincipalBackdoor()
        {
            User dave = UserNamed("dave");
            DateTime t = now - TimeSpan.FromHours(4);
            string actor = "[{\"Type\":5,\"ID\":" + Quote(dave.Upn) + "},{\"Type\":3,\"ID\":" + Quote(dave.ObjectId) + "},{\"Type\":2,\"ID\":\"User\"}]";
            string target = "[{\"Type\":2,\"ID\":\"ServicePrincipal_" + BackdoorAppId + "\"},{\"Type\":2,\"ID\":\"" + BackdoorAppId + "\"},{\"Type\":2,\"ID\":\"ServicePrincipal\"},{\"Type\":1,\"ID\":\"" + BackdoorAppName + "\"},{\"Type\":4,\"ID\":\"" + BackdoorAppId + "\"}]";
            const string oldKeys = "[\\\"[KeyIdentifier=0b7a31c2, KeyType=AsymmetricX509Cert, KeyUsage=Verify, DisplayName=CN=contoso-automation]\\\"]";
            const string newKeys = "[\\\"[KeyIdentifier=0b7a31c2, KeyType=AsymmetricX509Cert, KeyUsage=Verify, DisplayName=CN=contoso-automation]\\\",\\\"[KeyIdentifier=5f21d9e0, KeyType=Password, KeyUsage=Verify, DisplayName=sync]\\\"]";
            CloudEvent(t, "Office 365", "Add service principal credentials.", dave, BruteIp,
                Raw("AzureActiveDirectory", "Add service principal credentials.", dave, BruteIp, "\"ResultStatus\":\"Success\",\"Actor\":" + actor + ",\"Target\":" + target
                    + ",\"ModifiedProperties\":[{\"Name\":\"KeyDescription\",\"NewValue\":\"" + newKeys + "\",\"OldValue\":\"" + oldKeys + "\"},"
                    + "{\"Name\":\"Included Updated Properties\",\"NewValue\":\"KeyDescription\",\"OldValue\":\"\"}]"),
                "Update", "NL", BackdoorAppName, "ServicePrincipal", admin: true);
            CloudEvent(t + TimeSpan.FromMinutes(2), "Office 365", "Add member to role.", dave, BruteIp,
                Raw("AzureActiveDirectory", "Add member to role.", dave, BruteIp, "\"ResultStatus\":\"Success\",\"Actor\":" + actor + ",\"Target\":" + target
                    + ",\"ModifiedProperties\":[{\"Name\":\"Role.ObjectID\",\"NewValue\":\"62e90394-69f5-4237-9190-012177145e10\",\"OldValue\":\"\"},{\"Name\":\"Role.DisplayName\",\"NewValue\":\"Global Administrator\",\"OldValue\":\"\"},"
                    + "{\"Name\":\"Role.TemplateId\",\"NewValue\":\"62e90394-69f5-4237-9190-012177145e10\",\"OldValue\":\"\"}]"),
                "Update", "NL", BackdoorAppName, "ServicePrincipal", admin: true);

            // Group changes in Entra ID: the attacker adds a mailbox to Finance, IT cleans up a leaver.
            User erin = UserNamed("erin");
            CloudEvent(t + TimeSpan.FromMinutes(5), "Microsoft Teams", "AddedToGroup", dave, BruteIp,
                Raw("MicrosoftTeams", "AddedToGroup", dave, BruteIp, "\"TargetUserOrGroupName\":\"frank@contoso.com\",\"TargetUserOrGroupType\":\"Member\",\"TeamName\":\"Finance\""),
                "Update", "NL", "Finance", "Group", admin: true)["ActivityObjects"] =
                Json("[{\"Type\":\"Group\",\"Name\":\"Finance\",\"Role\":\"Target object\"},{\"Type\":\"User\",\"Name\":\"frank@contoso.com\",\"Role\":\"Parameter\"}]");
            CloudEvent(Ago(TimeSpan.FromDays(3)), "Office 365", "Disable account.", erin, "203.0.113.10",
                Raw("AzureActiveDirectory", "Disable account.", erin, "203.0.113.10", "\"Target\":[{\"Type\":5,\"ID\":\"olduser@contoso.com\"}]"), "Update", admin: true);
            CloudEvent(Ago(TimeSpan.FromDays(2)), "Office 365", "Hard Delete user.", erin, "203.0.113.10",
                Raw("AzureActiveDirectory", "Hard Delete user.", erin, "203.0.113.10", "\"Target\":[{\"Type\":5,\"ID\":\"olduser@contoso.com\"}]"), "Delete", admin: true);
        }

        private void TeamsHelpDeskChat()
        {
            // A one-on-one chat from a foreign tenant's "Help Desk" account to frank (vishing / remote-access lure).
            User frank = UserNamed("frank");
            var external = new User("helpdesk", "", "", "helpdesk@it-support-desk.onmicrosoft.com", "", "Help Desk");
            Dictionary<string, object?> r = CloudEvent(now - TimeSpan.FromHours(3), "Microsoft Teams", "ChatCreated", external, "45.86.163.20",
                Raw("MicrosoftTeams", "ChatCreated", external, "45.86.163.20", "\"CommunicationType\":\"OneonOne\",\"ChatThreadId\":\"19:helpdesk_frank@unq.gbl.spaces\","
                    + "\"ParticipantInfo\":{\"HasForeignTenantUsers\":true,\"HasGuestUsers\":false,\"HasOtherGuestUsers\":false,\"HasUnauthenticatedUsers\":false,\"ParticipatingTenantIds\":[\"" + TenantId + "\",\"0d4b5c6a-7e8f-4a9b-8c0d-1e2f3a4b5c6d\"]},"
                    + "\"Members\":[{\"DisplayName\":\"Help Desk\",\"Role\":1,\"UPN\":\"helpdesk@it-support-desk.onmicrosoft.com\"},{\"DisplayName\":" + Quote(frank.DisplayName) + ",\"Role\":1,\"UPN\":" + Quote(frank.Upn) + "}]"),
                "Create", "RO");
            r["AccountObjectId"] = "";
            r["AccountId"] = external.Upn;
            r["IsExternalUser"] = true;
        }

        private void DefenderPortalResponse()
        {
            User erin = UserNamed("erin");
            Device ws = DeviceNamed("ws-finance-01");
            const string ip = "203.0.113.10";
            string Portal(string operation, string more) =>
                Raw("Microsoft365Defender", operation, erin, ip, more);
            string device = "\"DeviceName\":" + Quote(ws.Name) + ",\"DeviceId\":" + Quote(ws.Id);

            DateTime t = now - TimeSpan.FromMinutes(25);
            CloudEvent(t, "Microsoft 365 Defender", "IsolateDevice", erin, ip,
                Portal("IsolateDevice", device + ",\"ActionComment\":\"Incident 5001: credential theft on the finance workstation\",\"ActionScope\":\"Full\""), "Run", admin: true);
            CloudEvent(t + TimeSpan.FromMinutes(2), "Microsoft 365 Defender", "RunAntiVirusScan", erin, ip,
                Portal("RunAntiVirusScan", device + ",\"ScanType\":\"Full\",\"ActionComment\":\"Incident 5001\""), "Run", admin: true);
            CloudEvent(t + TimeSpan.FromMinutes(6), "Microsoft 365 Defender", "LiveResponseGetFile", erin, ip,
                Portal("LiveResponseGetFile", device + ",\"FileName\":\"mimi.exe\",\"FilePath\":\"C:\\\\Temp\\\\mimi.exe\",\"FileSHA256\":" + Quote(Sha256("mimi.exe")) + ",\"FileSize\":1250056"), "Run", admin: true);
            CloudEvent(t + TimeSpan.FromMinutes(20), "Microsoft 365 Defender", "ReleaseFromIsolation", erin, ip,
                Portal("ReleaseFromIsolation", device + ",\"ActionComment\":\"Reimaged, credentials reset\""), "Run", admin: true);

            // Tenant settings and detection rules over the week.
            CloudEvent(Ago(TimeSpan.FromDays(6)), "Microsoft 365 Defender", "SetAdvancedFeatures", erin, ip,
                Portal("SetAdvancedFeatures", "\"SettingName\":\"Live Response unsigned script execution\",\"SettingsNewValue\":true,\"SettingsOldValue\":false"), "Update", admin: true);
            CloudEvent(Ago(TimeSpan.FromDays(5)), "Microsoft 365 Defender", "SetAdvancedFeatures", erin, ip,
                Portal("SetAdvancedFeatures", "\"SettingName\":\"Allow or block file\",\"SettingsNewValue\":false,\"SettingsOldValue\":true"), "Update", admin: true);
            CloudEvent(Ago(TimeSpan.FromDays(4)), "Microsoft 365 Defender", "ExclusionConfigurationAdded", erin, ip,
                Portal("ExclusionConfigurationAdded", "\"ResultDescription\":\"Folder exclusion C:\\\\BuildAgent\\\\ added to 'Build servers'\",\"ExclusionType\":\"Folder\""), "Update", admin: true);
            CloudEvent(Ago(TimeSpan.FromDays(3)), "Microsoft 365 Defender", "Write AlertsSuppressionRules", erin, ip,
                Portal("Write AlertsSuppressionRules", "\"RuleTitle\":\"Suppress EICAR on sales\",\"AlertTitle\":\"EICAR test file detected\""), "Update", admin: true);
            CloudEvent(Ago(TimeSpan.FromDays(3)), "Microsoft 365 Defender", "EditRole", erin, ip,
                Portal("EditRole", "\"RoleName\":\"Tier 1 analysts\",\"RolePermissions\":\"View data, Alerts investigation, Live response capabilities: basic\",\"AssignedGroups\":\"SOC-Tier1\""), "Update", admin: true);
            string[] rules = ["CreateCustomDetection", "EditCustomDetection", "ChangeCustomDetectionRuleStatus", "DeleteCustomDetection"];
            for (int i = 0; i < rules.Length; i++)
            {
                CloudEvent(now - TimeSpan.FromDays(5 - i), "Microsoft 365 Defender", rules[i], erin, ip,
                    Portal(rules[i], "\"RuleId\":\"4211\",\"RuleName\":\"Encoded PowerShell from Office\",\"IsEnabled\":" + (i == 2 ? "\"false\"" : "\"true\"")
                        + ",\"Query\":\"DeviceProcessEvents | where InitiatingProcessFileName in~ ('winword.exe','excel.exe') and ProcessCommandLine has '-enc'\""), "Update", admin: true);
            }

            // dave's brute-forced account downloads the offboarding package.
            User dave = UserNamed("dave");
            CloudEvent(now - TimeSpan.FromHours(3.5), "Microsoft 365 Defender", "DownloadOffboardingPkg", dave, BruteIp,
                Raw("Microsoft365Defender", "DownloadOffboardingPkg", dave, BruteIp, "\"OsPlatform\":\"Windows\""), "Run", "NL", admin: true);

            // Mail: the blocked malware mail released from quarantine to dave, and the phish submitted to Microsoft.
            Dictionary<string, object?> blocked = _rows["EmailEvents"].First(m => (string)m["Subject"]! == "Invoice 4471 overdue");
            CloudEvent(now - TimeSpan.FromHours(12), "Microsoft Exchange Online", "QuarantineReleaseMessage", erin, ip,
                Raw("Exchange", "QuarantineReleaseMessage", erin, ip, "\"NetworkMessageId\":" + Quote((string)blocked["NetworkMessageId"]!) + ",\"ReleaseTo\":[" + Quote(dave.Upn) + "],\"RecordType\":65"),
                "Update", admin: true);
            Dictionary<string, object?> phish = _rows["EmailEvents"].First(m => (string)m["ThreatTypes"]! == "Phish");
            CloudEvent(now - TimeSpan.FromMinutes(30), "Microsoft Exchange Online", "AdminSubmission", erin, ip,
                Raw("Exchange", "AdminSubmission", erin, ip, "\"RecordType\":29,\"SubmissionType\":\"Email\",\"SubmissionState\":\"Submitted\",\"SubmissionCategory\":\"Phish\",\"NetworkMessageId\":"
                    + Quote((string)phish["NetworkMessageId"]!) + ",\"Subject\":" + Quote((string)phish["Subject"]!)), "Update", admin: true);

            // Malware uploaded to OneDrive.
            CloudEvent(now - TimeSpan.FromMinutes(100), "Microsoft SharePoint Online", "FileMalwareDetected", UserNamed("alice"), "203.0.113.10",
                Raw("SharePoint", "FileMalwareDetected", UserNamed("alice"), "203.0.113.10", "\"SourceFileName\":\"invoice_viewer.exe\",\"SiteUrl\":\"https://contoso-my.sharepoint.com/personal/alice_contoso_com/\","
                    + "\"VirusVendor\":\"Microsoft\",\"VirusInfo\":\"Trojan:Win32/Wacatac.B!ml\""),
                "Basic", objectName: "https://contoso-my.sharepoint.com/personal/alice_contoso_com/Documents/invoice_viewer.exe", objectType: "File");
        }

        private void OAuthApps()
        {
            (string Name, string Id, string Origin, string Privilege, string Permissions, int Users, bool Admin, string Publisher)[] apps =
            [
                (MaliciousAppName, MaliciousAppId, "External", "High",
                    "[{\"PermissionValue\":\"Mail.ReadWrite\",\"TargetAppDisplayName\":\"Microsoft Graph\",\"PrivilegeLevel\":\"High\",\"PermissionType\":\"Delegated\"},{\"PermissionValue\":\"Mail.Read\",\"TargetAppDisplayName\":\"Microsoft Graph\",\"PrivilegeLevel\":\"High\",\"PermissionType\":\"Delegated\"},{\"PermissionValue\":\"offline_access\",\"TargetAppDisplayName\":\"Microsoft Graph\",\"PrivilegeLevel\":\"Medium\",\"PermissionType\":\"Delegated\"}]",
                    1, false, "{}"),
                (BackdoorAppName, BackdoorAppId, "Internal", "High",
                    "[{\"PermissionValue\":\"Directory.ReadWrite.All\",\"TargetAppDisplayName\":\"Microsoft Graph\",\"PrivilegeLevel\":\"High\",\"PermissionType\":\"Application\"}]",
                    0, true, "{}"),
                ("Contoso HR Portal", "1a2b3c4d-0000-4000-8000-000000000001", "Internal", "Low",
                    "[{\"PermissionValue\":\"User.Read\",\"TargetAppDisplayName\":\"Microsoft Graph\",\"PrivilegeLevel\":\"Low\",\"PermissionType\":\"Delegated\"}]",
                    7, true, "{\"verifiedPublisherId\":\"\",\"displayName\":\"\"}"),
                ("Adobe Acrobat", "1a2b3c4d-0000-4000-8000-000000000002", "External", "Medium",
                    "[{\"PermissionValue\":\"Files.Read.All\",\"TargetAppDisplayName\":\"Microsoft Graph\",\"PrivilegeLevel\":\"Medium\",\"PermissionType\":\"Delegated\"}]",
                    4, false, "{\"verifiedPublisherId\":\"1234567\",\"displayName\":\"Adobe Inc.\"}"),
            ];
            foreach (var app in apps)
            {
                Dictionary<string, object?> r = Add("OAuthAppInfo", now - TimeSpan.FromHours(1));
                r["ReportId"] = NewGuid().ToString("N");
                r["OAuthAppId"] = app.Id;
                r["ServicePrincipalId"] = NewGuid().ToString("D");
                r["AppName"] = app.Name;
                r["AddedOnTime"] = app.Name == MaliciousAppName ? now - TimeSpan.FromMinutes(67) : now - TimeSpan.FromDays(200);
                r["LastModifiedTime"] = app.Name == BackdoorAppName ? now - TimeSpan.FromHours(4) : now - TimeSpan.FromDays(30);
                r["AppStatus"] = "Enabled";
                r["VerifiedPublisher"] = Json(app.Publisher);
                r["PrivilegeLevel"] = app.Privilege;
                r["Permissions"] = Json(app.Permissions);
                r["ConsentedUsersCount"] = app.Users;
                r["IsAdminConsented"] = app.Admin;
                r["AppOrigin"] = app.Origin;
                r["LastUsedTime"] = now - TimeSpan.FromMinutes(10);
                r["AppOwnerTenantId"] = app.Origin == "Internal" ? TenantId : "0d4b5c6a-7e8f-4a9b-8c0d-1e2f3a4b5c6d";
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>
    /// Directory and sign-in activity: IdentityDirectoryEvents and IdentityQueryEvents (Defender for Identity on the
    /// domain controller), AADSignInEventsBeta and its successor EntraIdSignInEvents (the same sign-ins), and
    /// EmailPostDeliveryEvents (zero-hour auto purge of the phishing and malware mails). The stories: BloodHound-style LDAP
    /// reconnaissance and a DCSync from the finance workstation, domain admin persistence with dave's account after the
    /// RDP brute force, a Kerberos brute force against carol followed by a password change, an encryption-type downgrade,
    /// a machine-account rename (noPac), and alice's sign-ins from a Tor exit node shortly after one from the office.
    /// </summary>
    private sealed partial class Builder
    {
        private void DirectoryActivity()
        {
            DirectoryChanges();
            DirectoryQueries();
            SignIns();
            PostDelivery();
        }

        private Dictionary<string, object?> DirectoryEvent(DateTime t, string action, User actor, Device from, string additional,
            User? target = null, string protocol = "", string application = "Active Directory")
        {
            Device dc = DeviceNamed("srv-dc-01");
            Dictionary<string, object?> r = Add("IdentityDirectoryEvents", t);
            r["ActionType"] = action;
            r["Application"] = application;
            r["TargetAccountUpn"] = target?.Upn ?? "";
            r["TargetAccountDisplayName"] = target?.DisplayName ?? "";
            r["TargetDeviceName"] = "";
            r["DestinationDeviceName"] = dc.Name;
            r["DestinationIPAddress"] = dc.Ip;
            r["DestinationPort"] = protocol == "Smb" ? 445 : 389;
            r["Protocol"] = protocol;
            r["AccountName"] = actor.Name;
            r["AccountDomain"] = "contoso.local";
            r["AccountUpn"] = actor.Upn;
            r["AccountSid"] = actor.Sid;
            r["AccountObjectId"] = actor.ObjectId;
            r["AccountDisplayName"] = actor.DisplayName;
            r["DeviceName"] = from.Name;
            r["IPAddress"] = from.Ip;
            r["Port"] = _random.Next(49152, 65535);
            r["Location"] = "";
            r["ISP"] = "";
            r["ReportId"] = NewGuid().ToString("N");
            r["AdditionalFields"] = Json(additional);
            return r;
        }

        private void DirectoryChanges()
        {
            User dave = UserNamed("dave"), erin = UserNamed("erin"), carol = UserNamed("carol"), alice = UserNamed("alice");
            Device web = DeviceNamed("srv-web-01"), dc = DeviceNamed("srv-dc-01"), finance = DeviceNamed("ws-finance-01"), sales = DeviceNamed("ws-sales-04");

            // Routine changes by IT over the week.
            var people = _users.Where(u => u.Name != "svc_backup").ToList();
            for (int i = 0; i < 12; i++)
            {
                User target = Pick(people);
                DirectoryEvent(Ago(TimeSpan.FromDays(7)), i % 3 == 0 ? "Account Password changed" : i % 3 == 1 ? "Account Unlocked" : "Account Display Name changed",
                    target, DeviceNamed("ws-dev-03"), "{\"TARGET_OBJECT.USER\":" + Quote(target.Name) + ",\"ACTOR.DEVICE\":\"ws-dev-03\"}", target, "Samr");
            }

            DirectoryEvent(Ago(TimeSpan.FromDays(6)), "Group Membership changed", erin, DeviceNamed("ws-dev-03"),
                "{\"FROM.GROUP\":\"Backup Operators\",\"TARGET_OBJECT.USER\":\"grace\",\"ACTOR.ACCOUNT\":\"erin\",\"TARGET_OBJECT.ENTITY_USER\":\"grace\"}", UserNamed("grace"), "Ldap");

            // After the RDP brute force, dave's account makes a new account a domain admin and sets its password never to expire.
            DateTime t = TakeoverStart + TimeSpan.FromMinutes(1);
            var helper = new User("helpdesk-tmp", "CONTOSO", "S-1-5-21-1004336348-1177238915-682003330-1190", "helpdesk-tmp@" + Domain, "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a", "Helpdesk Temp");
            DirectoryEvent(t, "User Account created", dave, web, "{\"TARGET_OBJECT.USER\":\"helpdesk-tmp\",\"ACTOR.ACCOUNT\":\"dave\",\"ACTOR.DEVICE\":\"srv-web-01\"}", helper, "Samr");
            DirectoryEvent(t + TimeSpan.FromMinutes(1), "Group Membership changed", dave, web,
                "{\"TO.GROUP\":\"Domain Admins\",\"TARGET_OBJECT.USER\":\"helpdesk-tmp\",\"ACTOR.ACCOUNT\":\"dave\",\"ACTOR.DEVICE\":\"srv-web-01\"}", helper, "Ldap");
            DirectoryEvent(t + TimeSpan.FromMinutes(2), "Account Password Never Expires changed", dave, web,
                "{\"FROM Account Password Never Expires\":false,\"TO Account Password Never Expires\":true,\"TARGET_OBJECT.USER\":\"helpdesk-tmp\"}", helper, "Ldap");
            DirectoryEvent(t + TimeSpan.FromMinutes(3), "Account Supported Encryption Types changed", dave, web,
                "{\"FROM AccountSupportedEncryptionTypes\":\"AES128_CTS_HMAC_SHA1_96, AES256_CTS_HMAC_SHA1_96\",\"TO AccountSupportedEncryptionTypes\":\"RC4_HMAC_MD5\",\"TARGET_OBJECT.DEVICE\":\"srv-file-01\",\"ACTOR.DEVICE\":\"srv-web-01\"}",
                protocol: "Ldap")["TargetDeviceName"] = "srv-file-01.contoso.local";
            Dictionary<string, object?> copy = DirectoryEvent(t + TimeSpan.FromMinutes(24), "SMB file copy", dave, web,
                "{\"FilePath\":\"C$\\\\Windows\\\\Temp\",\"FileName\":\"PSEXESVC.exe\",\"Count\":1,\"Method\":\"Write\"}", protocol: "Smb");
            copy["DestinationDeviceName"] = DeviceNamed("srv-file-01").Name;
            copy["DestinationIPAddress"] = DeviceNamed("srv-file-01").Ip;
            DirectoryEvent(t + TimeSpan.FromMinutes(24.5), "SMB session", dave, web, "{\"Count\":3}", protocol: "Smb");

            // noPac: a machine account renamed to the domain controller's name, within the last day.
            DirectoryEvent(now - TimeSpan.FromHours(7), "SAM Account Name changed", carol, sales,
                "{\"FROM SAM Account Name\":\"ws-temp-09$\",\"TO SAM Account Name\":\"srv-dc-01\",\"TARGET_OBJECT.DEVICE\":\"ws-temp-09\"}", protocol: "Samr")["TargetDeviceName"] = "ws-temp-09";

            // Defender for Identity's lateral movement paths.
            DirectoryEvent(now - TimeSpan.FromDays(1), "Potential lateral movement path identified", alice, finance,
                "{\"ACTOR.DEVICE\":\"ws-finance-01\",\"Path\":\"alice -> ws-finance-01 -> dave (local admin) -> srv-dc-01\"}", dave, application: "Microsoft Defender for Identity");

            // DCSync from the finance workstation (mimikatz lsadump::dcsync) with alice's stolen session.
            DirectoryEvent(now - TimeSpan.FromMinutes(30), "Directory Services replication", alice, finance,
                "{\"TARGET_OBJECT.USER\":\"krbtgt\",\"ReplicationRequestedAttributes\":\"unicodePwd, ntPwdHistory, supplementalCredentials\"}", protocol: "Drsr")["DestinationDeviceName"] = dc.Name;

            // A Kerberos brute force against carol from the sales workstation succeeds; the attacker changes her password.
            DateTime bf = new(now.Ticks - (now.Ticks % TimeSpan.FromMinutes(15).Ticks) - TimeSpan.FromHours(8).Ticks, DateTimeKind.Utc);
            for (int i = 0; i < 24; i++)
            {
                IdentityLogon(bf + TimeSpan.FromSeconds(20 * i), carol, "LogonFailed", "Kerberos", sales.Ip, sales.Name, 88, "Wrong password");
            }

            IdentityLogon(bf + TimeSpan.FromMinutes(9), carol, "LogonSuccess", "Kerberos", sales.Ip, sales.Name, 88);
            DirectoryEvent(bf + TimeSpan.FromMinutes(40), "Account Password changed", carol, sales, "{\"TARGET_OBJECT.USER\":\"carol\",\"ACTOR.DEVICE\":\"ws-sales-04\"}", carol, "Kpasswd");
        }

        private void DirectoryQueries()
        {
            Device dc = DeviceNamed("srv-dc-01");
            Dictionary<string, object?> Query(DateTime t, string action, string queryType, string target, string query, string protocol, User u, Device from)
            {
                Dictionary<string, object?> r = Add("IdentityQueryEvents", t);
                r["ActionType"] = action;
                r["Application"] = "Active Directory";
                r["QueryType"] = queryType;
                r["QueryTarget"] = target;
                r["Query"] = query;
                r["Protocol"] = protocol;
                r["AccountName"] = u.Name;
                r["AccountDomain"] = "contoso.local";
                r["AccountUpn"] = u.Upn;
                r["AccountSid"] = u.Sid;
                r["AccountObjectId"] = u.ObjectId;
                r["AccountDisplayName"] = u.DisplayName;
                r["DeviceName"] = from.Name;
                r["IPAddress"] = from.Ip;
                r["Port"] = _random.Next(49152, 65535);
                r["DestinationDeviceName"] = dc.Name;
                r["DestinationIPAddress"] = dc.Ip;
                r["DestinationPort"] = protocol == "Ldap" ? 389 : protocol == "Dns" ? 53 : 445;
                r["TargetDeviceName"] = "";
                r["TargetAccountUpn"] = "";
                r["TargetAccountDisplayName"] = queryType == "User" ? target : "";
                r["Location"] = "";
                r["ReportId"] = NewGuid().ToString("N");
                r["AdditionalFields"] = Json("{}");
                return r;
            }

            string Ldap(string filter) => "Search Scope: WholeSubtree, Base Object:DC=contoso,DC=local, Search Filter: " + filter;

            // Routine queries: group policy refreshes, SAMR and DNS lookups from the workstations.
            var people = _users.Where(u => u.Name != "svc_backup").ToList();
            var workstations = _devices.Where(d => d.Name.StartsWith("ws-", StringComparison.Ordinal)).ToList();
            for (int i = 0; i < 60; i++)
            {
                User u = Pick(people);
                Device d = Pick(workstations);
                DateTime t = Ago(TimeSpan.FromDays(7));
                switch (i % 3)
                {
                    case 0:
                        Query(t, "LDAP query", "AllGroupPolicies", "", Ldap("(objectCategory=groupPolicyContainer)"), "Ldap", u, d);
                        break;
                    case 1:
                        Query(t, "SAMR query", "User", u.Name, "QueryUser", "Samr", u, d);
                        break;
                    default:
                        Query(t, "DNS query", "A", "outlook.office365.com", "outlook.office365.com", "Dns", u, d);
                        break;
                }
            }

            // BloodHound-style reconnaissance from the finance workstation: a burst of distinct LDAP filters in one minute.
            User alice = UserNamed("alice");
            Device finance = DeviceNamed("ws-finance-01");
            DateTime recon = new(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute) - TimeSpan.FromMinutes(40).Ticks, DateTimeKind.Utc);
            (string Target, string Filter)[] filters =
            [
                ("Domain Admins", "(&(objectCategory=group)(cn=Domain Admins))"),
                ("Enterprise Admins", "(&(objectCategory=group)(cn=Enterprise Admins))"),
                ("", "(&(objectCategory=person)(objectClass=user)(admincount=1))"),
                ("", "(&(samAccountType=805306368)(servicePrincipalName=*))"),
                ("", "(&(objectCategory=person)(userAccountControl:1.2.840.113556.1.4.803:=4194304))"),
                ("", "(&(objectCategory=computer)(operatingSystem=*server*))"),
                ("", "(&(objectClass=computer)(userAccountControl:1.2.840.113556.1.4.803:=524288))"),
                ("", "(&(objectCategory=person)(objectClass=user)(description=*pass*))"),
                ("Domain Controllers", "(&(objectCategory=computer)(primaryGroupID=516))"),
                ("", "(objectClass=trustedDomain)"),
                ("", "(objectClass=groupPolicyContainer)"),
                ("", "(&(objectCategory=organizationalUnit)(gPLink=*))"),
                ("Administrators", "(&(objectCategory=group)(cn=Administrators))"),
                ("", "(ms-MCS-AdmPwdExpirationTime=*)"),
            ];
            for (int i = 0; i < filters.Length; i++)
            {
                Query(recon + TimeSpan.FromSeconds(3 * i), "LDAP query", filters[i].Target.Length > 0 ? "Group" : "AllObjects", filters[i].Target, Ldap(filters[i].Filter), "Ldap", alice, finance);
            }
        }

        private void SignIns()
        {
            (string App, string AppId, string Resource)[] apps =
            [
                ("Microsoft Teams", "1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams Services"),
                ("Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online"),
                ("Microsoft Office", "d3590ed6-52b3-4102-aeff-aad2292ab01c", "Office 365 SharePoint Online"),
                ("OfficeHome", "4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome"),
            ];
            const string edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0";
            var people = _users.Where(u => u.Name != "svc_backup").ToList();

            void SignIn(DateTime t, User u, (string App, string AppId, string Resource) app, string ip, string country, string city, int error, string agent, string risk = "")
            {
                foreach (string table in new[] { "AADSignInEventsBeta", "EntraIdSignInEvents" })
                {
                    Dictionary<string, object?> r = Add(table, t);
                    r["Application"] = app.App;
                    r["ApplicationId"] = app.AppId;
                    r["LogonType"] = "[\"interactiveUser\"]";
                    r["ErrorCode"] = error;
                    r["CorrelationId"] = NewGuid().ToString("D");
                    r["SessionId"] = NewGuid().ToString("D");
                    r["AccountDisplayName"] = u.DisplayName;
                    r["AccountObjectId"] = u.ObjectId;
                    r["AccountUpn"] = u.Upn;
                    r["IsExternalUser"] = 0;
                    r["IsGuestUser"] = false;
                    r["LastPasswordChangeTimestamp"] = now - TimeSpan.FromDays(20 + (u.Name.Length * 9));
                    r["ResourceDisplayName"] = app.Resource;
                    r["ResourceId"] = app.AppId;
                    r["ResourceTenantId"] = TenantId;
                    r["DeviceName"] = country == "US" ? "ws-" + u.Name : "";
                    r["OSPlatform"] = "Windows";
                    r["DeviceTrustType"] = country == "US" ? "Hybrid Azure AD joined" : "";
                    r["IsManaged"] = country == "US" ? 1 : 0;
                    r["IsCompliant"] = country == "US" ? 1 : 0;
                    r["AuthenticationRequirement"] = "multiFactorAuthentication";
                    r["RiskLevelAggregated"] = risk.Length > 0 ? 100 : 0;
                    r["RiskState"] = risk.Length > 0 ? 4 : 0;
                    r["UserAgent"] = agent;
                    r["ClientAppUsed"] = "Browser";
                    r["Browser"] = agent.Contains("Edg/", StringComparison.Ordinal) ? "Edge 124.0.0" : agent.Contains("python", StringComparison.Ordinal) ? "python-requests" : "Firefox 60.0";
                    r["ConditionalAccessStatus"] = error == 0 ? 0 : 1;
                    r["IPAddress"] = ip;
                    r["Country"] = country;
                    r["City"] = city;
                    r["State"] = country == "US" ? "Washington" : "";
                    r["NetworkLocationDetails"] = country == "US" ? "[{\"networkType\":\"namedNetwork\",\"networkNames\":[\"Contoso HQ\"]}]" : "[]";
                    r["RequestId"] = NewGuid().ToString("D");
                    r["ReportId"] = NewGuid().ToString("N");
                    r["EndpointCall"] = "Sign-in activity";
                }
            }

            // Office sign-ins over a month.
            for (int i = 0; i < 120; i++)
            {
                SignIn(Ago(TimeSpan.FromDays(30)), Pick(people), Pick(apps), "203.0.113.10", "US", "Redmond", i % 15 == 0 ? 50126 : 0, edge);
            }

            // alice: the office at 10:40, then the Tor exit node with an old Firefox 25 minutes later (impossible travel), and consent to the app.
            User alice = UserNamed("alice");
            SignIn(now - TimeSpan.FromMinutes(100), alice, apps[3], "203.0.113.10", "US", "Redmond", 0, edge);
            SignIn(now - TimeSpan.FromMinutes(76), alice, apps[1], TorIp, "DE", "Frankfurt am Main", 0, "Mozilla/5.0 (Windows NT 6.1; rv:60.0) Gecko/20100101 Firefox/60.0", "high");
            SignIn(now - TimeSpan.FromMinutes(67), alice, (MaliciousAppName, MaliciousAppId, "Microsoft Graph"), TorIp, "DE", "Frankfurt am Main", 0,
                "Mozilla/5.0 (Windows NT 6.1; rv:60.0) Gecko/20100101 Firefox/60.0", "high");

            // dave's account from the brute-force address signs in to the Azure portal.
            SignIn(now - TimeSpan.FromHours(4.2), UserNamed("dave"), ("Azure Portal", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Windows Azure Service Management API"), BruteIp, "NL", "Amsterdam", 0,
                "python-requests/2.31.0", "high");
        }

        private void PostDelivery()
        {
            foreach (Dictionary<string, object?> mail in _rows["EmailEvents"].Where(m => (string)m["ThreatTypes"]! is "Phish").ToList())
            {
                Dictionary<string, object?> r = Add("EmailPostDeliveryEvents", (DateTime)mail["Timestamp"]! + TimeSpan.FromMinutes(55));
                r["NetworkMessageId"] = mail["NetworkMessageId"];
                r["InternetMessageId"] = mail["InternetMessageId"];
                r["Action"] = "Moved to quarantine";
                r["ActionType"] = "Phish ZAP";
                r["ActionTrigger"] = "SpecialAction";
                r["ActionResult"] = "Success";
                r["RecipientEmailAddress"] = mail["RecipientEmailAddress"];
                r["DeliveryLocation"] = "Quarantine";
                r["ThreatTypes"] = "Phish";
                r["DetectionMethods"] = "{\"Phish\":[\"URL detonation reputation\"]}";
                r["ReportId"] = NewGuid().ToString("N");
            }

            // A malware attachment found after delivery (the partner's invoice with a macro, detonated later).
            var partnerMail = _rows["EmailEvents"].Where(m => (string)m["SenderFromAddress"]! == "partner@contoso-partner.com" && (int)m["AttachmentCount"]! > 0).Take(1).ToList();
            foreach (Dictionary<string, object?> mail in partnerMail)
            {
                Dictionary<string, object?> r = Add("EmailPostDeliveryEvents", (DateTime)mail["Timestamp"]! + TimeSpan.FromHours(2));
                r["NetworkMessageId"] = mail["NetworkMessageId"];
                r["InternetMessageId"] = mail["InternetMessageId"];
                r["Action"] = "Moved to quarantine";
                r["ActionType"] = "Malware ZAP";
                r["ActionTrigger"] = "SpecialAction";
                r["ActionResult"] = "Success";
                r["RecipientEmailAddress"] = mail["RecipientEmailAddress"];
                r["DeliveryLocation"] = "Quarantine";
                r["ThreatTypes"] = "Malware";
                r["DetectionMethods"] = "{\"Malware\":[\"File detonation\"]}";
                r["ReportId"] = NewGuid().ToString("N");
            }
        }
    }
}

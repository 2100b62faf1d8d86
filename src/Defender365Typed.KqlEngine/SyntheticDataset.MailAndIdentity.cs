using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>Background mail (EmailEvents) and identity logons (IdentityLogonEvents); the phishing story is in Incidents.</summary>
    private sealed partial class Builder
    {
        private Dictionary<string, object?> Mail(DateTime t, string sender, string senderName, User recipient, string subject, string threat,
            string action, string location, int urls, int attachments, string senderIp, int bulk = 0, string direction = "Inbound", string auth = "")
        {
            Dictionary<string, object?> r = Add("EmailEvents", t);
            string senderDomain = sender[(sender.IndexOf('@', StringComparison.Ordinal) + 1)..];
            r["NetworkMessageId"] = NewGuid().ToString("D");
            r["InternetMessageId"] = "<" + NewGuid().ToString("N") + "@" + senderDomain + ">";
            r["SenderMailFromAddress"] = sender;
            r["SenderFromAddress"] = sender;
            r["SenderDisplayName"] = senderName;
            r["SenderMailFromDomain"] = senderDomain;
            r["SenderFromDomain"] = senderDomain;
            r["SenderIPv4"] = senderIp;
            r["RecipientEmailAddress"] = recipient.Upn;
            r["RecipientObjectId"] = recipient.ObjectId;
            r["Subject"] = subject;
            r["EmailClusterId"] = 3000000000L + _random.Next(1000);
            r["EmailDirection"] = direction;
            r["DeliveryAction"] = action;
            r["DeliveryLocation"] = location;
            r["ThreatTypes"] = threat;
            r["ThreatNames"] = threat.Length > 0 ? threat + ":Generic" : "";
            r["DetectionMethods"] = threat.Length > 0 ? "{\"" + threat + "\":[\"URL detonation reputation\"]}" : "";
            r["ConfidenceLevel"] = threat.Length > 0 ? "{\"" + threat + "\":\"High\"}" : "";
            r["BulkComplaintLevel"] = bulk;
            r["EmailAction"] = threat.Length > 0 && action == "Blocked" ? "Send to quarantine" : "";
            r["AuthenticationDetails"] = auth.Length > 0 ? auth : "{\"SPF\":\"pass\",\"DKIM\":\"pass\",\"DMARC\":\"pass\",\"CompAuth\":\"pass\"}";
            r["AttachmentCount"] = attachments;
            r["UrlCount"] = urls;
            r["EmailLanguage"] = "en";
            r["OrgLevelAction"] = "";
            r["ReportId"] = NewGuid().ToString("N");
            r["AdditionalFields"] = "{}";
            r["LatestDeliveryLocation"] = location;
            r["LatestDeliveryAction"] = action;
            return r;
        }

        private void BackgroundMail()
        {
            (string Address, string Name, string Ip, int Bulk)[] senders =
            [
                ("newsletter@news.fabrikam.com", "Fabrikam News", "40.92.10.5", 6),
                ("deals@shop.adventure-works.com", "Adventure Works", "52.100.3.9", 7),
                ("partner@contoso-partner.com", "Partner Team", "198.51.100.40", 1),
                ("noreply@github.com", "GitHub", "192.30.252.1", 0),
            ];
            string[] subjects = ["Weekly digest", "Your order has shipped", "Project update", "Meeting notes", "Invoice 2291 attached", "Quarterly results"];
            var people = _users.Where(u => u.Name != "svc_backup").ToList();
            for (int i = 0; i < 320; i++)
            {
                User to = Pick(people);
                DateTime t = Ago(TimeSpan.FromDays(7));
                if (i % 4 == 0)
                {
                    User from = Pick(people);
                    Mail(t, from.Upn, from.DisplayName, to, Pick(subjects), "", "Delivered", "Inbox/folder", _random.Next(0, 3), _random.Next(0, 2), "", 0, "Intra-org");
                    continue;
                }

                var s = Pick(senders);
                Mail(t, s.Address, s.Name, to, Pick(subjects), "", "Delivered", "Inbox/folder", _random.Next(0, 6), i % 7 == 0 ? 1 : 0, s.Ip, s.Bulk);
            }

            // Spoofed mail without a sender IP that fails authentication.
            for (int i = 0; i < 3; i++)
            {
                Mail(Ago(TimeSpan.FromDays(2)), "ceo@contoso.com.fake-mail.net", "CEO", Pick(people), "Quick favour", "Spam", "Delivered", "Junk folder", 0, 0, "",
                    auth: "{\"SPF\":\"fail\",\"DKIM\":\"none\",\"DMARC\":\"fail\",\"CompAuth\":\"fail\"}");
            }
        }

        private Dictionary<string, object?> IdentityLogon(DateTime t, User u, string action, string protocol, string ip, string device,
            int destinationPort, string failure = "", object? additional = null)
        {
            Dictionary<string, object?> r = Add("IdentityLogonEvents", t);
            r["ActionType"] = action;
            r["Application"] = "Active Directory";
            r["LogonType"] = protocol == "Kerberos" ? "Resource access" : "Credentials validation";
            r["Protocol"] = protocol;
            r["FailureReason"] = failure;
            r["AccountName"] = u.Name;
            r["AccountDomain"] = "contoso.local";
            r["AccountUpn"] = u.Upn;
            r["AccountSid"] = u.Sid;
            r["AccountObjectId"] = u.ObjectId;
            r["AccountDisplayName"] = u.DisplayName;
            r["DeviceName"] = device;
            r["DeviceType"] = "Desktop";
            r["OSPlatform"] = "Windows";
            r["IPAddress"] = ip;
            r["Port"] = _random.Next(49152, 65535);
            r["DestinationDeviceName"] = "srv-dc-01.contoso.local";
            r["DestinationIPAddress"] = DeviceNamed("srv-dc-01").Ip;
            r["DestinationPort"] = destinationPort;
            r["TargetDeviceName"] = "";
            r["Location"] = "";
            r["ReportId"] = NewGuid().ToString("N");
            r["AdditionalFields"] = additional ?? new DynamicBag([new("Count", (long)_random.Next(1, 5))]);
            return r;
        }

        private void BackgroundIdentity()
        {
            var windows = WindowsDevices.Where(d => d.Name.StartsWith("ws-", StringComparison.Ordinal)).ToList();
            for (int i = 0; i < 260; i++)
            {
                User u = Pick(_users);
                Device d = Pick(windows);
                bool kerberos = i % 3 != 0;
                bool failed = i % 17 == 0;
                IdentityLogon(Ago(TimeSpan.FromDays(3)), u, failed ? "LogonFailed" : "LogonSuccess", kerberos ? "Kerberos" : "Ntlm", d.Ip, d.Name,
                    kerberos ? 88 : 445, failed ? "Account locked out" : "");
            }

            // A service-ticket burst for SQL and HTTP services (kerberoasting-like) with SPNs in AdditionalFields.
            var spns = new DynamicArray(["MSSQLSvc/sql01.contoso.local:1433", "HTTP/web01.contoso.local", "CIFS/srv-file-01.contoso.local"]);
            IdentityLogon(Ago(TimeSpan.FromHours(6)), UserNamed("bob"), "LogonSuccess", "Kerberos", DeviceNamed("ws-hr-02").Ip, DeviceNamed("ws-hr-02").Name, 88,
                additional: new DynamicBag([new("Count", 25L), new("Spns", spns), new("EncryptionType", "RC4")]));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>
    /// Mail threats of the last days, added last: a QR-code MFA phishing campaign (two quarantined, three let through by a
    /// transport rule, one click blocked by Safe Links), attachment lures (ISO, OneNote, SVG smuggling, an executable),
    /// the internal phish sent from alice's taken-over mailbox, and the security notices the intruder hard-deleted there.
    /// </summary>
    private sealed partial class Builder
    {
        private const string QrDomain = "m1crosoft-support.com";

        private void MailThreats()
        {
            QrCodeCampaign();
            AttachmentLures();
            FromTheTakenOverMailbox();
        }

        private Dictionary<string, object?> UrlOf(Dictionary<string, object?> mail, string url, string location)
        {
            Dictionary<string, object?> r = Add("EmailUrlInfo", (DateTime)mail["Timestamp"]!);
            r["NetworkMessageId"] = mail["NetworkMessageId"];
            r["Url"] = url;
            r["UrlDomain"] = new Uri(url).Host;
            r["UrlLocation"] = location;
            r["ReportId"] = mail["ReportId"];
            return r;
        }

        private Dictionary<string, object?> AttachmentOf(Dictionary<string, object?> mail, string file, string type, long size)
        {
            Dictionary<string, object?> r = Add("EmailAttachmentInfo", (DateTime)mail["Timestamp"]!);
            r["NetworkMessageId"] = mail["NetworkMessageId"];
            r["SenderFromAddress"] = mail["SenderFromAddress"];
            r["SenderDisplayName"] = mail["SenderDisplayName"];
            r["RecipientEmailAddress"] = mail["RecipientEmailAddress"];
            r["RecipientObjectId"] = mail["RecipientObjectId"];
            r["FileName"] = file;
            r["FileType"] = type;
            r["SHA256"] = Sha256(file);
            r["FileSize"] = size;
            r["ThreatTypes"] = mail["ThreatTypes"];
            r["ThreatNames"] = mail["ThreatNames"];
            r["DetectionMethods"] = mail["DetectionMethods"];
            r["ReportId"] = NewGuid().ToString("N");
            return r;
        }

        private void QrCodeCampaign()
        {
            const string auth = "{\"SPF\":\"pass\",\"DKIM\":\"none\",\"DMARC\":\"fail\",\"CompAuth\":\"fail\"}";
            string[] recipients = ["frank", "bob", "carol", "grace", "erin"];
            DateTime t = now - TimeSpan.FromHours(30);
            for (int i = 0; i < recipients.Length; i++)
            {
                User to = UserNamed(recipients[i]);
                bool caught = i >= 3;
                Dictionary<string, object?> mail = Mail(t + TimeSpan.FromSeconds(40 * i), "security@" + QrDomain, "Microsoft Security", to,
                    "Action required: re-register your MFA", caught ? "Phish" : "", caught ? "Blocked" : "Delivered", caught ? "Quarantine" : "Inbox/folder",
                    1, 0, "193.143.1.19", auth: auth);
                mail["EmailClusterId"] = 3_100_000_417L;
                if (caught)
                {
                    mail["DetectionMethods"] = "{\"Phish\":[\"Impersonation brand\",\"Spoof DMARC\",\"QR code detonation\"]}";
                }
                else
                {
                    // Let through by a mail flow rule that exempts "security@" senders from filtering.
                    mail["OrgLevelAction"] = "Allow";
                    mail["OrgLevelPolicy"] = "Exchange transport rule";
                }

                UrlOf(mail, "https://mfa-renew." + QrDomain + "/auth?u=" + to.Name, "QRCode");
                if (to.Name == "frank")
                {
                    Dictionary<string, object?> click = Add("UrlClickEvents", t + TimeSpan.FromMinutes(35));
                    click["Url"] = "https://mfa-renew." + QrDomain + "/auth?u=frank";
                    click["ActionType"] = "ClickBlocked";
                    click["AccountUpn"] = to.Upn;
                    click["Workload"] = "Email";
                    click["NetworkMessageId"] = mail["NetworkMessageId"];
                    click["ThreatTypes"] = "Phish";
                    click["DetectionMethods"] = "[\"URL detonation reputation\"]";
                    click["IPAddress"] = "203.0.113.10";
                    click["IsClickedThrough"] = false;
                    click["UrlChain"] = "[\"https://mfa-renew." + QrDomain + "/auth?u=frank\"]";
                    click["ReportId"] = NewGuid().ToString("N");
                }
            }
        }

        private void AttachmentLures()
        {
            (string Sender, string Name, string Subject, string File, string Type, string Threat, string To)[] lures =
            [
                ("scanner@fabrikam-print.net", "Scanner", "Scanned document 0601", "Scan_0601.iso", "iso", "", "dave"),
                ("accounts@adatum-billing.com", "Accounts Payable", "RE: Open invoice", "Invoice_0601.one", "one;onenote", "", "carol"),
                ("voicemail@it-support-helpdesk.net", "IT Support", "You have a new voicemail (0:41)", "Voicemail_0331.svg", "html", "", "grace"),
                ("dhl-notify@dhl-tracking-parcel.com", "DHL Express", "Your parcel is on hold", "Shipping_label.exe", "exe", "Malware", "bob"),
            ];
            for (int i = 0; i < lures.Length; i++)
            {
                var l = lures[i];
                bool malware = l.Threat.Length > 0;
                Dictionary<string, object?> mail = Mail(now - TimeSpan.FromHours(40 - (8 * i)), l.Sender, l.Name, UserNamed(l.To), l.Subject, l.Threat,
                    malware ? "Blocked" : "Delivered", malware ? "Quarantine" : "Inbox/folder", 0, 1, "91.92.240." + (10 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (malware)
                {
                    mail["DetectionMethods"] = "{\"Malware\":[\"File detonation\",\"Antimalware protection\"]}";
                }

                AttachmentOf(mail, l.File, l.Type, 180_000 + (i * 37_000));
            }
        }

        private void FromTheTakenOverMailbox()
        {
            // The intruder sends the invoice lure from alice's mailbox to colleagues; the internal copy is caught.
            User alice = UserNamed("alice");
            foreach (string name in new[] { "carol", "frank" })
            {
                Dictionary<string, object?> mail = Mail(now - TimeSpan.FromMinutes(62), alice.Upn, alice.DisplayName, UserNamed(name), "FW: Invoice 4471 - please approve today",
                    "Malware", "Blocked", "Quarantine", 0, 1, "", direction: "Intra-org");
                mail["DetectionMethods"] = "{\"Malware\":[\"File detonation reputation\"]}";
                mail["SenderObjectId"] = alice.ObjectId;
                AttachmentOf(mail, "Invoice_4471.docm", "docm", 96_256);
            }

            // Microsoft's security notices to alice, hard-deleted minutes later from the Tor session (CloudAppEvents HardDelete).
            foreach (string subject in new[] { "Security alert: new sign-in", "Inbox rule created" })
            {
                Dictionary<string, object?> notice = Mail(now - TimeSpan.FromMinutes(76) + TimeSpan.FromMinutes(subject.Length % 3), "account-security-noreply@accountprotection.microsoft.com",
                    "Microsoft account team", alice, subject, "", "Delivered", "Inbox/folder", 1, 0, "40.107.22.60");
                notice["LatestDeliveryAction"] = "Hard delete";
                notice["LatestDeliveryLocation"] = "Deleted items";
            }
        }
    }
}

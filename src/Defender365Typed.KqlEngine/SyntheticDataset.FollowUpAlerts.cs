using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>
    /// The alerts Defender raises on the domain takeover and the backup deletion, correlated into the ransomware incident
    /// 5003 on the file server they lead to. They are appended to the incident's alerts, and the incident keeps its
    /// creation time (correlation merged them when the ransomware alert came), so its first alert stays as it was.
    /// </summary>
    private sealed partial class Builder
    {
        private void FollowUpAlerts()
        {
            Device web = DeviceNamed("srv-web-01"), files = DeviceNamed("srv-file-01");
            User dave = UserNamed("dave");
            DateTime t = TakeoverStart;

            SyntheticAlert groups = Alert(t + TimeSpan.FromMinutes(2), "Suspicious additions to sensitive groups", "Medium", "PrivilegeEscalation",
                "Microsoft Defender for Identity", "MDI", "microsoftDefenderForIdentity", "microsoftDefenderForIdentity", "[\"Domain Accounts (T1136.002)\"]");
            Evidence(groups, "User", "Impacted", user: dave);
            Evidence(groups, "Machine", "Related", web);

            SyntheticAlert recon = Alert(t + TimeSpan.FromMinutes(9), "Process related to possible AD reconnaissance", "Medium", "Discovery",
                "Microsoft Defender for Endpoint", "EDR", "microsoftDefenderForEndpoint", "endpointDetectionAndResponse", "[\"Domain Account (T1087.002)\"]");
            SetFile(Evidence(recon, "Process", "Impacted", web, dave),
                _rows["DeviceProcessEvents"].First(p => ((string)p["ProcessCommandLine"]!).Contains("Invoke-BloodHound", StringComparison.Ordinal)));
            Evidence(recon, "Machine", "Impacted", web);

            SyntheticAlert remote = Alert(t + TimeSpan.FromMinutes(26), "File dropped and launched from remote location", "Medium", "LateralMovement",
                "Microsoft Defender for Endpoint", "EDR", "microsoftDefenderForEndpoint", "endpointDetectionAndResponse", "[\"SMB/Windows Admin Shares (T1021.002)\"]");
            SetFile(Evidence(remote, "File", "Impacted", files), _rows["DeviceProcessEvents"].First(p => (string)p["FileName"]! == "PSEXESVC.exe"));
            SetFile(Evidence(remote, "Process", "Related", web, dave), _rows["DeviceProcessEvents"].First(p => (string)p["FileName"]! == "PsExec.exe"));
            Evidence(remote, "Machine", "Impacted", files);

            SyntheticAlert cleared = Alert(t + TimeSpan.FromMinutes(27), "Event log was cleared", "Medium", "DefenseEvasion",
                "Microsoft Defender for Endpoint", "EDR", "microsoftDefenderForEndpoint", "endpointDetectionAndResponse", "[\"Clear Windows Event Logs (T1070.001)\"]");
            SetFile(Evidence(cleared, "Process", "Impacted", files, dave), _rows["DeviceProcessEvents"].First(p => (string)p["ProcessCommandLine"]! == "wevtutil.exe cl Security"));
            Evidence(cleared, "Machine", "Impacted", files);

            SyntheticAlert backups = Alert(now - TimeSpan.FromMinutes(74), "File backups were deleted", "High", "Impact",
                "Microsoft Defender for Endpoint", "EDR", "microsoftDefenderForEndpoint", "endpointDetectionAndResponse", "[\"Inhibit System Recovery (T1490)\"]");
            SetFile(Evidence(backups, "Process", "Impacted", files, UserNamed("svc_backup")), _rows["DeviceProcessEvents"].First(p => (string)p["FileName"]! == "vssadmin.exe"));
            Evidence(backups, "Machine", "Impacted", files);
            AddToIncident(5003, groups, recon, remote, cleared, backups);
        }

        private void AddToIncident(long id, params SyntheticAlert[] alerts)
        {
            int i = _incidents.FindIndex(x => x.Id == id);
            SyntheticIncident incident = _incidents[i];
            List<SyntheticAlert> all = [.. incident.Alerts, .. alerts];
            _incidents[i] = incident with { Alerts = all, LastUpdateDateTime = all.Max(a => a.CreatedDateTime) + TimeSpan.FromMinutes(17) };
        }
    }
}

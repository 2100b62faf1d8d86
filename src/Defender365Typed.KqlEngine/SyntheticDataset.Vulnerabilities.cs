using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Defender365Typed.KqlEngine;

public sealed partial class SyntheticDataset
{
    /// <summary>
    /// Defender Vulnerability Management and device configuration: DeviceTvmSoftwareInventory and
    /// DeviceTvmSoftwareVulnerabilities (with their knowledge base), DeviceTvmSecureConfigurationAssessment (with its
    /// knowledge base), DeviceTvmBrowserExtensions (with its knowledge base), DeviceTvmInfoGathering, DeviceNetworkInfo and
    /// DeviceFileCertificateInfo, plus a small ExposureGraphNodes/ExposureGraphEdges picture of the same devices. Real
    /// CVEs on the software that has them: curl 8.3 on the build server and the developer's workstation, the xz backdoor,
    /// OpenSSL 3.0, Zerologon and PrintNightmare on the unpatched domain controller, an old VLC on the sales workstation.
    /// </summary>
    private sealed partial class Builder
    {
        private static readonly (string Vendor, string Name, string Version, string Eos, string[] Platforms, string[] Devices)[] Software =
        [
            ("microsoft", "edge", "124.0.2478.80", "", ["Windows"], []),
            ("google", "chrome", "116.0.5845.96", "", ["Windows"], ["ws-dev-03", "ws-sales-04", "ws-hr-02"]),
            ("microsoft", "office", "16.0.17531.20152", "", ["Windows"], ["ws-"]),
            ("microsoft", "office_2016", "16.0.4266.1001", "Upcoming EOS Version", ["Windows"], ["ws-sales-04"]),
            ("haxx", "curl", "8.3.0", "", ["Windows", "Linux"], ["ws-dev-03", "linux-build-01"]),
            ("tukaani", "xz", "5.6.0", "", ["Linux"], ["linux-build-01"]),
            ("openssl", "openssl", "3.0.6", "", ["Linux", "Windows"], ["linux-build-01", "srv-web-01"]),
            ("videolan", "vlc_media_player", "2.2.4", "", ["Windows"], ["ws-sales-04"]),
            ("python", "python", "3.7.9", "EOS Version", ["Windows", "Linux"], ["ws-dev-03", "linux-build-01"]),
            ("microsoft", "windows_server_2019", "10.0.17763.1", "", ["Windows"], ["srv-dc-01"]),
            ("7-zip", "7-zip", "19.00", "", ["Windows"], ["ws-finance-01", "srv-file-01"]),
        ];

        private static readonly (string Cve, string Software, string Severity, string Cvss, bool Exploit, string Published, string Description)[] Cves =
        [
            ("CVE-2023-38545", "curl", "Critical", "9.8", true, "2023-10-18", "SOCKS5 heap buffer overflow in curl before 8.4.0."),
            ("CVE-2023-38546", "curl", "Low", "3.7", false, "2023-10-18", "Cookie injection with none file in libcurl before 8.4.0."),
            ("CVE-2024-3094", "xz", "Critical", "10.0", true, "2024-03-29", "Malicious code in the xz 5.6.0 and 5.6.1 upstream tarballs (liblzma backdoor)."),
            ("CVE-2022-3602", "openssl", "High", "7.5", false, "2022-11-01", "X.509 email address 4-byte buffer overflow in OpenSSL 3.0.0 to 3.0.6."),
            ("CVE-2023-4863", "chrome", "High", "8.8", true, "2023-09-12", "Heap buffer overflow in libwebp in Google Chrome before 116.0.5845.187."),
            ("CVE-2020-1472", "windows_server_2019", "Critical", "10.0", true, "2020-08-17", "Netlogon elevation of privilege (Zerologon)."),
            ("CVE-2021-34527", "windows_server_2019", "Critical", "8.8", true, "2021-07-02", "Windows Print Spooler remote code execution (PrintNightmare)."),
            ("CVE-2019-0708", "windows_server_2019", "Critical", "9.8", true, "2019-05-16", "Remote Desktop Services remote code execution (BlueKeep)."),
            ("CVE-2019-13615", "vlc_media_player", "Medium", "5.5", false, "2019-07-16", "Heap-based buffer over-read in VLC's MKV demuxer."),
            ("CVE-2023-31102", "7-zip", "High", "7.8", false, "2023-11-03", "Integer underflow in 7-Zip's Ppmd7 decoder before 23.00."),
        ];

        private void VulnerabilityManagement()
        {
            SoftwareAndVulnerabilities();
            SecureConfiguration();
            BrowserExtensions();
            InfoGatheringAndNetwork();
            ExposureGraph();
        }

        private static bool Installs(Device d, string[] names) =>
            names.Length == 0 || names.Any(n => d.Name.StartsWith(n, StringComparison.Ordinal));

        private static string PlatformFamily(Device d) =>
            d.Platform.StartsWith("Windows", StringComparison.Ordinal) ? "Windows" : d.Platform;

        private void SoftwareAndVulnerabilities()
        {
            foreach (Device d in _devices)
            {
                foreach (var s in Software.Where(s => s.Platforms.Contains(PlatformFamily(d)) && Installs(d, s.Devices)))
                {
                    Dictionary<string, object?> inv = AddRow("DeviceTvmSoftwareInventory");
                    SetDeviceOs(inv, d);
                    inv["SoftwareVendor"] = s.Vendor;
                    inv["SoftwareName"] = s.Name;
                    inv["SoftwareVersion"] = s.Version;
                    inv["EndOfSupportStatus"] = s.Eos;
                    inv["EndOfSupportDate"] = s.Eos switch { "EOS Version" => new DateTime(2023, 6, 27, 0, 0, 0, DateTimeKind.Utc), "Upcoming EOS Version" => new DateTime(2025, 10, 14, 0, 0, 0, DateTimeKind.Utc), _ => null };
                    inv["ProductCodeCpe"] = "cpe:2.3:a:" + s.Vendor + ":" + s.Name + ":" + s.Version + ":*:*:*:*:*:*:*";

                    foreach (var c in Cves.Where(c => c.Software == s.Name))
                    {
                        Dictionary<string, object?> v = AddRow("DeviceTvmSoftwareVulnerabilities");
                        SetDeviceOs(v, d);
                        v["SoftwareVendor"] = s.Vendor;
                        v["SoftwareName"] = s.Name;
                        v["SoftwareVersion"] = s.Version;
                        v["CveId"] = c.Cve;
                        v["VulnerabilitySeverityLevel"] = c.Severity;
                        v["RecommendedSecurityUpdate"] = s.Vendor == "microsoft" ? "June 2025 Security Updates" : "Update " + s.Name;
                        v["RecommendedSecurityUpdateId"] = s.Vendor == "microsoft" ? "KB5060531" : "";
                        v["CveTags"] = Json(c.Exploit ? "[\"ExploitAvailable\"]" : "[]");
                    }
                }
            }

            foreach (var c in Cves)
            {
                var s = Software.First(x => x.Name == c.Software);
                Dictionary<string, object?> kb = AddRow("DeviceTvmSoftwareVulnerabilitiesKB");
                kb["CveId"] = c.Cve;
                kb["CvssScore"] = c.Cvss;
                kb["IsExploitAvailable"] = c.Exploit;
                kb["VulnerabilitySeverityLevel"] = c.Severity;
                kb["PublishedDate"] = DateTime.Parse(c.Published, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                kb["LastModifiedTime"] = (DateTime)kb["PublishedDate"]! + TimeSpan.FromDays(30);
                kb["VulnerabilityDescription"] = c.Description;
                kb["AffectedSoftware"] = Json("[\"" + s.Vendor + " " + s.Name + "\"]");
            }
        }

        private static void SetDeviceOs(Dictionary<string, object?> r, Device d)
        {
            r["DeviceId"] = d.Id;
            r["DeviceName"] = d.Name;
            r["OSPlatform"] = d.Platform;
            r["OSVersion"] = d.OsVersion;
            r["OSArchitecture"] = d.Platform == "macOS" ? "arm64" : "x64";
        }

        private void SecureConfiguration()
        {
            (string Id, string Name, string Category, string Subcategory, double Impact)[] configs =
            [
                ("scid-91", "Enable 'Behavior Monitoring'", "Security controls", "Antivirus", 7),
                ("scid-2000", "Turn on sensor", "Security controls", "EDR", 5),
                ("scid-2001", "Fix sensor data collection", "Security controls", "EDR", 5),
                ("scid-2002", "Fix impaired communications", "Security controls", "EDR", 5),
                ("scid-2003", "Turn on Tamper Protection", "Security controls", "EDR", 5),
                ("scid-2010", "Turn on Microsoft Defender Antivirus", "Security controls", "Antivirus", 9),
                ("scid-2011", "Update Microsoft Defender Antivirus definitions", "Security controls", "Antivirus", 9),
                ("scid-2012", "Turn on real-time protection", "Security controls", "Antivirus", 9),
                ("scid-44", "Disable 'Allow Basic authentication' for WinRM Client", "OS", "Network", 6),
                ("scid-64", "Set 'Minimum password length' to 14 or more characters", "Accounts", "Password", 4),
            ];
            foreach (var c in configs)
            {
                Dictionary<string, object?> kb = AddRow("DeviceTvmSecureConfigurationAssessmentKB");
                kb["ConfigurationId"] = c.Id;
                kb["ConfigurationImpact"] = c.Impact;
                kb["ConfigurationName"] = c.Name;
                kb["ConfigurationDescription"] = c.Name + ".";
                kb["RiskDescription"] = "Attackers can exploit a device without this setting.";
                kb["ConfigurationCategory"] = c.Category;
                kb["ConfigurationSubcategory"] = c.Subcategory;
                kb["ConfigurationBenchmarks"] = Json("[{\"benchmarkName\":\"CIS\",\"benchmarkVersion\":\"1.4.0\"}]");
                kb["Tags"] = Json("[\"Defender\"]");
                kb["RemediationOptions"] = "Turn the setting on with Intune or group policy.";
            }

            foreach (Device d in WindowsDevices)
            {
                foreach (var c in configs)
                {
                    // The file server has tamper protection off and stale definitions; the sales workstation runs AV in passive mode.
                    bool compliant = !(d.Name.StartsWith("srv-file", StringComparison.Ordinal) && c.Id is "scid-2003" or "scid-2011")
                        && !(d.Name.StartsWith("ws-sales", StringComparison.Ordinal) && c.Id is "scid-2010" or "scid-2012")
                        && c.Id is not "scid-44" and not "scid-64";
                    Dictionary<string, object?> r = Add("DeviceTvmSecureConfigurationAssessment", now - TimeSpan.FromHours(2));
                    r["DeviceId"] = d.Id;
                    r["DeviceName"] = d.Name;
                    r["OSPlatform"] = d.Platform;
                    r["ConfigurationId"] = c.Id;
                    r["ConfigurationCategory"] = c.Category;
                    r["ConfigurationSubcategory"] = c.Subcategory;
                    r["ConfigurationImpact"] = c.Impact;
                    r["IsCompliant"] = compliant;
                    r["IsApplicable"] = true;
                    r["IsExpectedUserImpact"] = false;
                    r["Context"] = c.Id switch
                    {
                        "scid-2010" => Json(d.Name.StartsWith("ws-sales", StringComparison.Ordinal) ? "[[\"1\"]]" : "[[\"0\"]]"),
                        "scid-2011" => Json(d.Name.StartsWith("srv-file", StringComparison.Ordinal)
                            ? "[[\"1.401.1200.0\",\"1.1.24030.4\",\"2025-05-01T03:12:00Z\",\"4.18.24020.7\"]]"
                            : "[[\"1.431.108.0\",\"1.1.25040.1\",\"2025-06-02T05:10:00Z\",\"4.18.25040.2\"]]"),
                        _ => Json("[]"),
                    };
                }
            }
        }

        private void BrowserExtensions()
        {
            (string Id, string Name, string Risk, string Vendor, string[] Permissions)[] extensions =
            [
                ("cjpalhdlnbpafiamejdnhcphjbkeiagm", "uBlock Origin", "Low", "Raymond Hill", ["storage", "tabs"]),
                ("nmmhkkegccagdldgiimedpiccmgmieda", "Google Wallet", "Medium", "Google", ["notifications", "storage", "identity", "webRequest"]),
                ("lpfgkbefmhkmfgcpmmolkkaolahjkjdo", "PDF Converter Online", "Critical", "pdfconvert-tools", ["notifications", "tabs", "cookies", "webRequest", "<all_urls>"]),
            ];
            foreach (var e in extensions)
            {
                foreach (string p in e.Permissions)
                {
                    Dictionary<string, object?> kb = AddRow("DeviceTvmBrowserExtensionsKB");
                    kb["BrowserName"] = "Chrome";
                    kb["ExtensionId"] = e.Id;
                    kb["ExtensionName"] = e.Name;
                    kb["ExtensionDescription"] = e.Name;
                    kb["ExtensionVersion"] = Json("[\"1.0.0\"]");
                    kb["ExtensionRisk"] = e.Risk;
                    kb["PermissionId"] = p;
                    kb["PermissionName"] = p;
                    kb["PermissionDescription"] = "Lets the extension use " + p + ".";
                    kb["PermissionRisk"] = p is "<all_urls>" or "cookies" or "webRequest" ? "High" : "Low";
                    kb["IsPermissionRequired"] = "true";
                }
            }

            foreach (Device d in _devices.Where(d => Installs(d, ["ws-dev-03", "ws-sales-04", "ws-hr-02"])))
            {
                foreach (var e in extensions.Where(e => e.Risk != "Critical" || d.Name.StartsWith("ws-sales", StringComparison.Ordinal)))
                {
                    Dictionary<string, object?> r = AddRow("DeviceTvmBrowserExtensions");
                    r["DeviceId"] = d.Id;
                    r["BrowserName"] = "Chrome";
                    r["ExtensionId"] = e.Id;
                    r["ExtensionName"] = e.Name;
                    r["ExtensionDescription"] = e.Name;
                    r["ExtensionVersion"] = "1.0.0";
                    r["ExtensionRisk"] = e.Risk;
                    r["ExtensionVendor"] = e.Vendor;
                    r["IsActivated"] = "true";
                    r["InstallationTime"] = now - TimeSpan.FromDays(e.Risk == "Critical" ? 3 : 120);
                }
            }
        }

        private void InfoGatheringAndNetwork()
        {
            for (int i = 0; i < _devices.Count; i++)
            {
                Device d = _devices[i];
                bool windows = PlatformFamily(d) == "Windows";
                Dictionary<string, object?> info = Add("DeviceTvmInfoGathering", now - TimeSpan.FromHours(1 + i));
                info["LastSeenTime"] = now - TimeSpan.FromMinutes(10 + i);
                info["DeviceId"] = d.Id;
                info["DeviceName"] = d.Name;
                info["OSPlatform"] = d.Platform;
                info["AdditionalFields"] = Json(windows
                    ? "{\"AvMode\":\"0\",\"AvSignatureRing\":\"" + (i % 3 == 0 ? "3" : "4") + "\",\"AvPlatformRing\":\"4\",\"AvEngineRing\":\"4\",\"AvScanResults\":\"{\\\"Quick\\\":{\\\"ScanStatus\\\":\\\"Completed\\\",\\\"ErrorCode\\\":\\\"0\\\",\\\"Timestamp\\\":\\\"2025-06-01T02:00:00Z\\\"},\\\"Full\\\":{\\\"ScanStatus\\\":\\\"Completed\\\",\\\"ErrorCode\\\":\\\"0\\\",\\\"Timestamp\\\":\\\"2025-05-31T02:00:00Z\\\"}}\","
                        + "\"AsrConfigurationStates\":{\"BlockOfficeChildProcess\":\"" + (i % 2 == 0 ? "Block" : "Audit") + "\",\"BlockCredentialStealingFromLsass\":\"Block\",\"BlockExecutableEmailContent\":\"Off\"},"
                        + "\"TlsClient10\":\"Enabled\",\"Log4j_CVE_2021_44228\":\"\"}"
                    : "{\"AvMode\":\"1\"}");

                // The network adapter, reported every 8 hours for two days.
                for (int k = 0; k < 6; k++)
                {
                    Dictionary<string, object?> n = Add("DeviceNetworkInfo", now - TimeSpan.FromHours(8 * k) - TimeSpan.FromMinutes(5 + i));
                    n["DeviceId"] = d.Id;
                    n["DeviceName"] = d.Name;
                    n["NetworkAdapterName"] = windows ? "Ethernet0" : "eth0";
                    n["MacAddress"] = "00-15-5D-" + Sha1(d.Name)[..2].ToUpperInvariant() + "-" + Sha1(d.Name)[2..4].ToUpperInvariant() + "-" + (10 + i).ToString(CultureInfo.InvariantCulture);
                    n["NetworkAdapterType"] = "Ethernet";
                    n["NetworkAdapterStatus"] = "Up";
                    n["TunnelType"] = "";
                    n["ConnectedNetworks"] = "[{\"Name\":\"contoso.local\",\"Description\":\"contoso.local\",\"IsConnectedToInternet\":true,\"Category\":\"Domain\"}]";
                    n["DnsAddresses"] = "[\"" + DeviceNamed("srv-dc-01").Ip + "\"]";
                    n["IPv4Dhcp"] = "10.0.1.1";
                    n["IPv6Dhcp"] = "";
                    n["DefaultGateways"] = "[\"10.0.1.1\"]";
                    n["IPAddresses"] = "[{\"IPAddress\":\"" + d.Ip + "\",\"SubnetPrefix\":24,\"AddressType\":\"Private\"}]";
                    n["ReportId"] = _reportId++;
                    n["NetworkAdapterVendor"] = "Microsoft";
                }
            }

            // Certificates of files seen on the devices, including a driver signed by a third party through Microsoft's attestation.
            (string File, string Signer, string Issuer, bool Trusted, bool MicrosoftRoot)[] certs =
            [
                ("teams.exe", "Microsoft Corporation", "Microsoft Code Signing PCA 2011", true, true),
                ("chrome.exe", "Google LLC", "DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1", true, false),
                ("procdump64.exe", "Microsoft Corporation", "Microsoft Code Signing PCA 2011", true, true),
                ("gdrv.sys", "Giga-Byte Technology", "Symantec Class 3 SHA256 Code Signing CA", true, true),
                ("invoice_viewer.exe", "Fast Invoice Software Ltd", "Sectigo Public Code Signing CA R36", false, false),
            ];
            foreach (var c in certs)
            {
                Device d = c.File == "invoice_viewer.exe" ? DeviceNamed("ws-finance-01") : Pick(WindowsDevices.ToList());
                Dictionary<string, object?> r = Add("DeviceFileCertificateInfo", Ago(TimeSpan.FromDays(5)));
                r["DeviceId"] = d.Id;
                r["DeviceName"] = d.Name;
                r["SHA1"] = Sha1(c.File);
                r["IsSigned"] = true;
                r["SignatureType"] = "Embedded";
                r["Signer"] = c.Signer;
                r["SignerHash"] = Sha1("signer:" + c.Signer);
                r["Issuer"] = c.Issuer;
                r["IssuerHash"] = Sha1("issuer:" + c.Issuer);
                r["CertificateSerialNumber"] = Sha1("serial:" + c.File)[..32];
                r["CrlDistributionPointUrls"] = "[\"http://crl.example-ca.com/ca.crl\"]";
                r["CertificateCreationTime"] = now - TimeSpan.FromDays(400);
                r["CertificateExpirationTime"] = now + TimeSpan.FromDays(300);
                r["CertificateCountersignatureTime"] = now - TimeSpan.FromDays(100);
                r["IsTrusted"] = c.Trusted;
                r["IsRootSignerMicrosoft"] = c.MicrosoftRoot;
                r["ReportId"] = _reportId++;
            }
        }

        private void ExposureGraph()
        {
            foreach (Device d in _devices)
            {
                bool server = d.Name.StartsWith("srv-", StringComparison.Ordinal);
                Dictionary<string, object?> n = AddRow("ExposureGraphNodes");
                n["NodeId"] = "node-" + d.Id[..12];
                n["NodeLabel"] = server && d.InternetFacing ? "microsoft.compute/virtualmachines" : "device";
                n["NodeName"] = d.Name;
                n["Categories"] = Json(server && d.InternetFacing ? "[\"compute\",\"virtual_machine\",\"device\"]" : "[\"device\"]");
                n["NodeProperties"] = Json("{\"rawData\":{\"IsInternetFacing\":" + (d.InternetFacing ? "true" : "false") + ",\"exposedToInternet\":" + (d.InternetFacing ? "true" : "false")
                    + ",\"VulnerableToPrivilegeEscalation\":" + (d.Name.StartsWith("srv-dc", StringComparison.Ordinal) ? "true" : "false")
                    + ",\"vulnerableToRCE\":" + (d.Name.StartsWith("srv-web", StringComparison.Ordinal) ? "true" : "false")
                    + ",\"exposureScore\":\"" + d.Exposure + "\",\"deviceName\":\"" + d.Name + "\"}}");
                n["EntityIds"] = Json("[{\"type\":\"DeviceInventoryId\",\"id\":\"" + d.Id + "\"}]");
            }

            foreach (User u in _users)
            {
                Dictionary<string, object?> n = AddRow("ExposureGraphNodes");
                n["NodeId"] = "node-" + u.ObjectId[..12];
                n["NodeLabel"] = "user";
                n["NodeName"] = u.Upn;
                n["Categories"] = Json("[\"identity\",\"user\"]");
                n["NodeProperties"] = Json("{\"rawData\":{\"accountUpn\":\"" + u.Upn + "\"}}");
                n["EntityIds"] = Json("[{\"type\":\"AadObjectId\",\"id\":\"" + u.ObjectId + "\"}]");
            }

            // Who can log on where, and who has permissions to the domain controller.
            (string User, string Device, string Label)[] edges =
            [
                ("dave", "srv-web-01", "can authenticate to"),
                ("dave", "srv-dc-01", "has permissions to"),
                ("alice", "ws-finance-01", "can authenticate to"),
                ("svc_backup", "srv-file-01", "has permissions to"),
                ("erin", "srv-dc-01", "has permissions to"),
            ];
            foreach (var e in edges)
            {
                User u = UserNamed(e.User);
                Device d = DeviceNamed(e.Device);
                bool vm = d.InternetFacing && d.Name.StartsWith("srv-", StringComparison.Ordinal);
                Dictionary<string, object?> r = AddRow("ExposureGraphEdges");
                r["EdgeId"] = "edge-" + Sha1(e.User + e.Device + e.Label)[..16];
                r["EdgeLabel"] = e.Label;
                r["SourceNodeId"] = "node-" + u.ObjectId[..12];
                r["SourceNodeName"] = u.Upn;
                r["SourceNodeLabel"] = "user";
                r["SourceNodeCategories"] = Json("[\"identity\",\"user\"]");
                r["TargetNodeId"] = "node-" + d.Id[..12];
                r["TargetNodeName"] = d.Name;
                r["TargetNodeLabel"] = vm ? "microsoft.compute/virtualmachines" : "device";
                r["TargetNodeCategories"] = Json(vm ? "[\"compute\",\"virtual_machine\",\"device\"]" : "[\"device\"]");
                r["EdgeProperties"] = Json("{\"rawData\":{\"permissions\":{\"roles\":[{\"name\":\"" + (e.Label == "has permissions to" ? "Administrators" : "Remote Desktop Users") + "\"}]}}}");
            }

            // The web server's managed identity as a VM source in the cloud graph.
            Device web = DeviceNamed("srv-web-01");
            Dictionary<string, object?> vmEdge = AddRow("ExposureGraphEdges");
            vmEdge["EdgeId"] = "edge-" + Sha1("vm-sql")[..16];
            vmEdge["EdgeLabel"] = "has permissions to";
            vmEdge["SourceNodeId"] = "node-" + web.Id[..12];
            vmEdge["SourceNodeName"] = web.Name;
            vmEdge["SourceNodeLabel"] = "microsoft.compute/virtualmachines";
            vmEdge["SourceNodeCategories"] = Json("[\"compute\",\"virtual_machine\",\"device\"]");
            vmEdge["TargetNodeId"] = "node-sqldb-finance";
            vmEdge["TargetNodeName"] = "sql-finance";
            vmEdge["TargetNodeLabel"] = "microsoft.sql/servers/databases";
            vmEdge["TargetNodeCategories"] = Json("[\"database\"]");
            vmEdge["EdgeProperties"] = Json("{\"rawData\":{\"permissions\":{\"roles\":[{\"name\":\"Contributor\"}]}}}");
        }
    }
}

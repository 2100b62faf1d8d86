using System.Linq;
using System.Text.Json;

namespace Defender365Typed.Client.Tests;

/// <summary>Each documented evidence kind reads into its typed record by <c>@odata.type</c>; other kinds keep their JSON.</summary>
public sealed class EvidenceKindTests
{
    [Fact]
    public void Each_documented_kind_is_typed_and_unknown_kinds_keep_their_json()
    {
        const string json = """
            { "id": "a1", "evidence": [
              { "@odata.type": "#microsoft.graph.security.userEvidence", "roles": ["compromised"], "userAccount": { "accountName": "kai", "userPrincipalName": "kai@contoso.example", "azureAdUserId": "u-1" } },
              { "@odata.type": "#microsoft.graph.security.ipEvidence", "ipAddress": "203.0.113.7", "countryLetterCode": "NL" },
              { "@odata.type": "#microsoft.graph.security.urlEvidence", "url": "https://phish.example/login" },
              { "@odata.type": "#microsoft.graph.security.mailboxEvidence", "displayName": "Kai", "primaryAddress": "kai@contoso.example" },
              { "@odata.type": "#microsoft.graph.security.analyzedMessageEvidence", "subject": "Invoice", "attachmentsCount": 2, "urls": ["https://phish.example"],
                "p1Sender": { "emailAddress": "bad@phish.example" }, "receivedDateTime": "2023-01-02T03:04:05Z" },
              { "@odata.type": "#microsoft.graph.security.cloudApplicationEvidence", "appId": 11161, "displayName": "Office 365", "instanceId": 0, "saasAppId": 11161 },
              { "@odata.type": "#microsoft.graph.security.oauthApplicationEvidence", "appId": "4b2d...", "displayName": "Mail reader", "publisher": "Contoso" },
              { "@odata.type": "#microsoft.graph.security.registryKeyEvidence", "registryHive": "HKEY_CURRENT_USER", "registryKey": "Software\\Run" },
              { "@odata.type": "#microsoft.graph.security.registryValueEvidence", "registryHive": "HKEY_CURRENT_USER", "registryKey": "Software\\Run", "registryValueName": "updater", "registryValue": "c:\\u.exe", "registryValueType": "String" },
              { "@odata.type": "#microsoft.graph.security.mailClusterEvidence", "clusterBy": "Subject", "emailCount": "12", "networkMessageIds": ["m1", "m2"] },
              { "@odata.type": "#microsoft.graph.security.securityGroupEvidence", "displayName": "Domain Admins", "securityGroupId": "g-1" },
              { "@odata.type": "#microsoft.graph.security.kubernetesPodEvidence", "name": "web-0", "verdict": "suspicious" },
              { "verdict": "unknown" }
            ] }
            """;
        SecurityAlert alert = JsonSerializer.Deserialize(json, DefenderJsonContext.Default.SecurityAlert)!;
        var e = alert.TypedEvidence;

        Assert.Equal("kai@contoso.example", Assert.IsType<UserEvidence>(e[0]).UserAccount!.UserPrincipalName);
        Assert.Equal(["compromised"], e[0].Roles);
        Assert.Equal("NL", Assert.IsType<IpEvidence>(e[1]).CountryLetterCode);
        Assert.Equal("https://phish.example/login", Assert.IsType<UrlEvidence>(e[2]).Url);
        Assert.Equal("kai@contoso.example", Assert.IsType<MailboxEvidence>(e[3]).PrimaryAddress);
        AnalyzedMessageEvidence message = Assert.IsType<AnalyzedMessageEvidence>(e[4]);
        Assert.Equal(2, message.AttachmentsCount);
        Assert.Equal("bad@phish.example", message.P1Sender!.EmailAddress);
        Assert.Empty(message.Threats);
        Assert.Equal(11161, Assert.IsType<CloudApplicationEvidence>(e[5]).SaasAppId);
        Assert.Equal("Contoso", Assert.IsType<OAuthApplicationEvidence>(e[6]).Publisher);
        Assert.Equal("Software\\Run", Assert.IsType<RegistryKeyEvidence>(e[7]).RegistryKey);
        Assert.Equal("updater", Assert.IsType<RegistryValueEvidence>(e[8]).RegistryValueName);
        MailClusterEvidence cluster = Assert.IsType<MailClusterEvidence>(e[9]);
        Assert.Equal(12, cluster.EmailCount); // a number sent as a string
        Assert.Equal(["m1", "m2"], cluster.NetworkMessageIds);
        Assert.Equal("g-1", Assert.IsType<SecurityGroupEvidence>(e[10]).SecurityGroupId);

        UnknownEvidence pod = Assert.IsType<UnknownEvidence>(e[11]);
        Assert.Equal("#microsoft.graph.security.kubernetesPodEvidence", pod.ODataType);
        Assert.Equal("web-0", pod.Json.GetProperty("name").GetString());
        UnknownEvidence untyped = Assert.IsType<UnknownEvidence>(e[12]);
        Assert.Null(untyped.ODataType);
        Assert.Equal("unknown", untyped.Json.GetProperty("verdict").GetString());
        Assert.Same(e, alert.TypedEvidence); // read once
        Assert.Equal(13, alert.Evidence.Count);
    }
}

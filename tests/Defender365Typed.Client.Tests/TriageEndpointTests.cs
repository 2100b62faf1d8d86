using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.Client.Auth;
using Defender365Typed.Emulator.Api;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// The emulator's incident and alert endpoints over raw HTTP, where the two once differed (twin code): they now share
/// the list paging and the PATCH triage fields, so each answers as the better of the two did.
/// </summary>
public sealed class TriageEndpointTests : EmulatorTest
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        (_, DefenderAuthenticator auth) = H.SecretClient();
        DefenderApi api = path.StartsWith("api/", StringComparison.Ordinal) ? DefenderApi.Legacy : DefenderApi.Graph;
        string token = (await auth.GetTokenAsync(api, false, default)).Token;
        using HttpClient http = H.Browser();
        using var request = new HttpRequestMessage(method, new Uri(H.Emulator.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }

    [Theory]
    [InlineData("v1.0/security/incidents?$top=x", "BadRequest")] // was the legacy API's InvalidInput
    [InlineData("v1.0/security/alerts_v2?$top=x", "BadRequest")]
    [InlineData("api/incidents?$skip=-1", "InvalidInput")]
    public async Task A_bad_top_or_skip_is_a_400_with_the_error_code_of_its_api(string path, string code)
    {
        (HttpStatusCode status, JsonElement body) = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("$top and $skip must be non-negative integers.", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Graph_incidents_answer_count_true_as_alerts_do()
    {
        H.Emulator.Incidents.Seed(30);

        (HttpStatusCode status, JsonElement body) = await SendAsync(HttpMethod.Get, "v1.0/security/incidents?$count=true&$top=5&$filter=severity eq 'high'");

        Assert.Equal(HttpStatusCode.OK, status);
        int high = 0;
        foreach (EmulatedIncident i in H.Emulator.Incidents.All())
        {
            high += i.Severity == "high" ? 1 : 0;
        }

        Assert.True(high > 5, "the seed has more high incidents than one page");
        Assert.Equal(high, body.GetProperty("@odata.count").GetInt32());
        Assert.Equal(5, body.GetProperty("value").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"status": 1}""", "Invalid value '1' for status.")] // was an InvalidOperationException (500)
    [InlineData("""{"classification": true}""", "Invalid value 'true' for classification.")]
    [InlineData("""{"assignedTo": 5}""", "Invalid value '5' for assignedTo.")]
    public async Task A_patch_value_of_the_wrong_json_kind_is_a_400_naming_it_and_changes_nothing(string json, string message)
    {
        H.Emulator.Incidents.Seed(3);
        EmulatedIncident incident = H.Emulator.Incidents.Find(1001)!;
        incident.AssignedTo = "soc@contoso.example";
        incident.Alerts[0] = incident.Alerts[0] with { AssignedTo = "soc@contoso.example" };

        (HttpStatusCode incidentStatus, JsonElement incidentBody) = await SendAsync(HttpMethod.Patch, "v1.0/security/incidents/1001", json);
        (HttpStatusCode alertStatus, JsonElement alertBody) = await SendAsync(HttpMethod.Patch, "v1.0/security/alerts_v2/" + incident.Alerts[0].Id, json);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (incidentStatus, alertStatus));
        Assert.Equal(message, incidentBody.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(message, alertBody.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(("inProgress", "soc@contoso.example"), (incident.Status, incident.AssignedTo)); // an alert's assignedTo: 5 once unassigned it
        Assert.Equal("soc@contoso.example", incident.Alerts[0].AssignedTo);
    }
}

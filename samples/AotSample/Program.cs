using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Defender365Typed;
using Defender365Typed.Client.Auth;
using Defender365Typed.Client;

// Usage: AotSample <emulator base URL> <emulator certificate (PEM)> <tenant id> <client id>; the client secret in
// DEFENDER365_CLIENT_SECRET. Signs in with client credentials (MSAL), runs a typed query and prints the typed rows.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: AotSample <base-url> <certificate.pem> <tenant-id> <client-id>  (secret in DEFENDER365_CLIENT_SECRET)");
    return 2;
}

using X509Certificate2 certificate = X509Certificate2.CreateFromPem(await System.IO.File.ReadAllTextAsync(args[1]));
DefenderCloud cloud = DefenderCloud.Emulator(new Uri(args[0]), certificate);
using var auth = new DefenderAuthenticator(new DefenderAuthOptions
{
    Cloud = cloud,
    Flow = DefenderAuthFlow.ClientSecret,
    TenantId = args[2],
    ClientId = args[3],
    ClientSecret = Environment.GetEnvironmentVariable("DEFENDER365_CLIENT_SECRET"),
});
using DefenderClient client = DefenderClient.Create(new DefenderClientOptions { Cloud = cloud }, auth);

var query = Hunting.DeviceProcessEvents
    .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe"))
    .Project(PowerShellRun.Shape)
    .OrderBy(e => e.DeviceName)
    .Take(5);
Console.WriteLine(query.ToKql());

int rows = 0;
await foreach (PowerShellRun row in client.Hunting.RunAsync(query))
{
    Console.WriteLine($"row: {row.Timestamp:O} {row.DeviceName} {row.ProcessCommandLine}");
    rows++;
}

Console.WriteLine($"aot: {rows} typed rows");
return rows > 0 ? 0 : 1;

/// <summary>A typed result row, read by the generated reader.</summary>
[HuntingResult]
public sealed partial record PowerShellRun(DateTime Timestamp, string DeviceName, string ProcessCommandLine);

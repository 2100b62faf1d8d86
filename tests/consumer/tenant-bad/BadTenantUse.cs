using Defender365Typed;
using Defender365Typed.Tenant;

namespace Tenant;

/// <summary>Added to a copy of tenant/: a misspelt column of the custom table and of the saved function must not compile.</summary>
internal static class BadTenantUse
{
    [HuntingQuery]
    public const string Raw = "SuspiciousLogons('alice') | where Failurs > 3";

    public static string Typed() => TenantHunting.Contoso_CL.Where(e => e.Scor > 1).ToKql();
}

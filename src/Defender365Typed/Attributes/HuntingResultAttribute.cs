using System;

namespace Defender365Typed;

/// <summary>
/// Declares the row type of a query's result (a projection or a summary). Put it on a <c>partial</c>
/// record, class or struct; the generator adds its typed column set (<c>Columns</c>) and its shape
/// (<c>Shape</c>), which <c>Project</c> and <c>Summarize</c> take.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class HuntingResultAttribute : Attribute
{
}

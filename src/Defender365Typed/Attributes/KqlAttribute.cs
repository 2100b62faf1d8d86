using System;

namespace Defender365Typed;

/// <summary>
/// Marks a <see cref="string"/> parameter that takes raw KQL. The library's analyzer checks string constants
/// passed to it against the <c>[HuntingTable]</c> schema of the compilation (DTQ100–DTQ108): syntax, unknown
/// tables, columns and functions, argument counts and type mismatches.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = true, AllowMultiple = false)]
public sealed class KqlAttribute : Attribute
{
}

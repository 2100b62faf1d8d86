using System;
using System.Threading.Tasks;
using Defender365Typed.CommandLine;

return await Cli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

// The Lambda Runtime API loop, event handling and local HTTP mode arrive with the Lambda backend issue.
// Until then the executable reports that it cannot serve, so a premature deployment fails loudly.
Console.Error.WriteLine("StsFtw.Lambda: the runtime loop is not part of this build yet.");
return 1;

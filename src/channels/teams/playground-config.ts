// The Agents Playground's mock tenant (its .m365agentsplayground.yml). We keep its default
// user (Alex Wilber: id "user-id-0", aadObjectId "00000000-0000-0000-0000-0000000000020",
// linked to a demo staff member in examples/org.demo.yaml) and pin the conversation ids, so
// references captured in one run still reach the playground after a restart: a fixed personal
// chat id, and the team's channels named after the outlets' Teams channel ids.

export const PLAYGROUND_USER = {
  id: "user-id-0",
  name: "Alex Wilber",
  aadObjectId: "00000000-0000-0000-0000-0000000000020",
} as const;
export const PLAYGROUND_BOT = { id: "00000000-0000-0000-0000-00000000000011", name: "Branchbot" } as const;
export const PLAYGROUND_TENANT_ID = "00000000-0000-0000-0000-0000000000001";
export const PLAYGROUND_PERSONAL_CHAT_ID = "a:branchbot-playground-personal-chat";
export const PLAYGROUND_DEFAULT_PORT = 56150;

export interface PlaygroundChannel {
  id: string;
  name: string;
}

const others = [
  ["user-id-1", "Megan Bowen", "meganb", "21"],
  ["user-id-2", "Adele Vance", "adelev", "22"],
  ["user-id-3", "Isaiah Langer", "isaiahl", "23"],
  ["user-id-4", "Patti Fernandez", "pattif", "24"],
  ["user-id-5", "Lynne Robbins", "lynner", "25"],
].map(([id, name, alias, n]) => ({
  id,
  name,
  userPrincipleName: `${alias}@example.com`,
  aadObjectId: `00000000-0000-0000-0000-00000000000${n}`,
  givenName: (name as string).split(" ")[0],
  surname: (name as string).split(" ")[1],
  email: `${alias}@example.com`,
}));

/**
 * The config file content (JSON, which YAML accepts). The team's General channel takes the
 * first outlet channel's id (the playground uses the team id as the General channel's
 * conversation id); further outlets become further channels.
 */
export function playgroundConfig(channels: PlaygroundChannel[], teamName: string): string {
  const [general, ...rest] = channels;
  return JSON.stringify(
    {
      version: "0.1.1",
      tenantId: PLAYGROUND_TENANT_ID,
      bot: { ...PLAYGROUND_BOT },
      currentUser: {
        ...PLAYGROUND_USER,
        userPrincipleName: "alexw@example.com",
        givenName: "Alex",
        surname: "Wilber",
        email: "alexw@example.com",
      },
      users: others,
      personalChat: { id: PLAYGROUND_PERSONAL_CHAT_ID },
      groupChat: { id: "19:branchbot-playground-group@thread.v2", name: "Group Chat" },
      team: {
        id: general?.id ?? "team-id",
        name: teamName,
        aadGroupId: "00000000-0000-0000-0000-000000000031",
        channels: rest.map((c) => ({ id: c.id, name: c.name })),
      },
    },
    null,
    2,
  );
}

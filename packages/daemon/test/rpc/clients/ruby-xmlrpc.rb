# Calls a daemon the way OpenNebula's Ruby OCA does: Ruby's XMLRPC::Client with
# call_async (a fresh connection per call), results as [success, body-or-message, code, ...],
# and the returned documents read with Nokogiri. Prints one JSON object with what it saw.
require 'json'
require 'nokogiri'
require 'xmlrpc/client'

endpoint, session, acl_resource, acl_rights = ARGV
client = XMLRPC::Client.new2(endpoint, nil, 30)
call = ->(method, *args) { client.call_async(method, session, *args) }
xml = ->(text, path) { Nokogiri::XML(text).xpath(path).map(&:text) }
seen = {}

ok, version = call.('one.system.version')
seen['version'] = [ok, version]

ok, pool = call.('one.zonepool.info')
seen['zone_names'] = [ok, xml.(pool, '/ZONE_POOL/ZONE/NAME')]

ok, zone_id = call.('one.zone.allocate', "NAME = \"ruby-zone\"\nENDPOINT = \"http://ruby:2633/RPC2\"")
seen['zone_allocate'] = [ok, zone_id]
ok, = call.('one.zone.update', zone_id, 'DESCRIPTION = "from ruby"', 1)
ok2, = call.('one.zone.rename', zone_id, 'ruby-zone-2')
ok3, body = call.('one.zone.info', zone_id, false)
seen['zone_after'] = [ok && ok2 && ok3, xml.(body, '/ZONE/NAME'), xml.(body, '/ZONE/TEMPLATE/DESCRIPTION')]

ok, group_id = call.('one.group.allocate', 'rubygroup')
seen['group_allocate'] = [ok, group_id.is_a?(Integer)]
ok, user_id = call.('one.user.allocate', 'rubyuser', 'rubypass', '', [group_id])
ok2, user = call.('one.user.info', user_id, false)
seen['user'] = [ok && ok2, xml.(user, '/USER/NAME'), xml.(user, '/USER/GID').map(&:to_i) == [group_id]]

ok, = call.('one.user.passwd', user_id, 'newpass')
as_user = XMLRPC::Client.new2(endpoint, nil, 30)
ok2, me = as_user.call_async('one.user.info', 'rubyuser:newpass', -1, false)
seen['passwd_then_self_info'] = [ok && ok2, xml.(me, '/USER/ID').map(&:to_i) == [user_id]]

ok, token = as_user.call_async('one.user.login', 'rubyuser:newpass', 'rubyuser', '', 600, -1)
ok2, = as_user.call_async('one.user.info', "rubyuser:#{token}", -1, false)
seen['login_token'] = [ok && ok2, token.is_a?(String) && token.length >= 32]

# OCA turns rule strings into hex masks on the client; the test passes them in.
ok, rule = call.('one.acl.addrule', (0x100000000 + user_id).to_s(16), acl_resource, acl_rights)
ok2, acls = call.('one.acl.info')
seen['acl'] = [ok && ok2, xml.(acls, '/ACL_POOL/ACL/ID').map(&:to_i).include?(rule)]

ok, raft = call.('one.zone.raftstatus')
seen['raft_state'] = [ok, xml.(raft, '/RAFT/STATE')]

seen['refused'] = call.('one.zone.info', 9999, false)
seen['bad_session'] = client.call_async('one.zonepool.info', 'oneadmin:wrong')

ok, = call.('one.user.delete', user_id)
ok2, = call.('one.group.delete', group_id)
ok3, = call.('one.zone.delete', zone_id)
seen['cleanup'] = [ok, ok2, ok3]

puts JSON.generate(seen)
